import { ValidationError } from '@nexus/core';
import { applyDateChanges } from './invoice-dates';

const blank = () => ({ issueDate: null as string | null, dueDate: null as string | null, netDays: null as number | null });

describe('invoice dates', () => {
  it('derives the due date from net days once the issue date is known', () => {
    const dates = blank();
    applyDateChanges(dates, { netDays: 30 });
    expect(dates).toEqual({ issueDate: null, dueDate: null, netDays: 30 });
    applyDateChanges(dates, { issueDate: '2026-11-26' });
    expect(dates).toEqual({ issueDate: '2026-11-26', dueDate: '2026-12-26', netDays: 30 });
  });

  it('setting a due date clears net days, and setting net days replaces the due date', () => {
    const dates = { issueDate: '2026-11-26', dueDate: '2026-12-26', netDays: 30 };
    applyDateChanges(dates, { dueDate: '2026-12-01' });
    expect(dates).toEqual({ issueDate: '2026-11-26', dueDate: '2026-12-01', netDays: null });
    applyDateChanges(dates, { netDays: 7 });
    expect(dates).toEqual({ issueDate: '2026-11-26', dueDate: '2026-12-03', netDays: 7 });
    applyDateChanges(dates, { netDays: null });
    expect(dates).toEqual({ issueDate: '2026-11-26', dueDate: null, netDays: null });
  });

  it('refuses both at once, and a due date before the issue date', () => {
    expect(() => applyDateChanges(blank(), { dueDate: '2026-12-01', netDays: 3 })).toThrow(ValidationError);
    expect(() => applyDateChanges(blank(), { issueDate: '2026-12-02', dueDate: '2026-12-01' })).toThrow(ValidationError);
  });
});
