import { hourIndex, hourlyJobId, isClockHour, parseWindow, previousHour, previousScanSlot, scanJobId } from './analysis-window';

describe('analysis windows', () => {
  it('the hourly run covers the previous full hour and is named after it', () => {
    const window = previousHour(new Date('2026-11-26T11:01:30.250Z'));
    expect(window).toEqual({ from: new Date('2026-11-26T10:00:00Z'), to: new Date('2026-11-26T11:00:00Z') });
    expect(hourlyJobId(window)).toBe('anomaly:analyze:2026-11-26T10');
    // Any moment of the same hour names the same job.
    expect(hourlyJobId(previousHour(new Date('2026-11-26T11:59:59.999Z')))).toBe('anomaly:analyze:2026-11-26T10');
  });

  it('the scanner pass covers the previous full 5 minutes and is named after them', () => {
    const window = previousScanSlot(new Date('2026-11-26T10:10:30Z'));
    expect(window).toEqual({ from: new Date('2026-11-26T10:05:00Z'), to: new Date('2026-11-26T10:10:00Z') });
    expect(scanJobId(window)).toBe('anomaly:scan:2026-11-26T10:05');
  });

  it('counts hours from the epoch and recognises clock hours', () => {
    expect(hourIndex(new Date('1970-01-01T01:59:59Z'))).toBe(1);
    expect(isClockHour({ from: new Date('2026-11-26T10:00:00Z'), to: new Date('2026-11-26T11:00:00Z') })).toBe(true);
    expect(isClockHour({ from: new Date('2026-11-26T10:30:00Z'), to: new Date('2026-11-26T11:30:00Z') })).toBe(false);
    expect(isClockHour({ from: new Date('2026-11-26T10:00:00Z'), to: new Date('2026-11-26T12:00:00Z') })).toBe(false);
  });

  it('accepts only ordered windows of at most 7 days', () => {
    expect(parseWindow('2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z')).not.toBeNull();
    expect(parseWindow('2026-11-26T11:00:00Z', '2026-11-26T11:00:00Z')).toBeNull();
    expect(parseWindow('2026-11-26T12:00:00Z', '2026-11-26T11:00:00Z')).toBeNull();
    expect(parseWindow('2026-11-01T00:00:00Z', '2026-11-08T00:00:01Z')).toBeNull();
    expect(parseWindow('yesterday', '2026-11-26T11:00:00Z')).toBeNull();
  });
});
