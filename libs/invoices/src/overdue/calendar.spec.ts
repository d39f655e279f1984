import { addDays, calendarDateIn, isOverdue } from './calendar';

describe('calendar', () => {
  it("takes today's date in the organization's zone", () => {
    const instant = new Date('2026-11-27T07:59:00Z');
    expect(calendarDateIn('UTC', instant)).toBe('2026-11-27');
    expect(calendarDateIn('America/Los_Angeles', instant)).toBe('2026-11-26');
    expect(calendarDateIn('Pacific/Kiritimati', new Date('2026-11-26T10:30:00Z'))).toBe('2026-11-27');
  });

  it('an invoice due on D is not overdue at 23:59 on D in its zone, and is at 00:00 on D+1', () => {
    const invoice = { status: 'open', dueDate: '2026-11-26' };
    // 23:59 on the 26th in Los Angeles (UTC−8) is 07:59 UTC on the 27th: overdue in UTC, not there.
    expect(isOverdue(invoice, calendarDateIn('America/Los_Angeles', new Date('2026-11-27T07:59:59Z')))).toBe(false);
    expect(isOverdue(invoice, calendarDateIn('UTC', new Date('2026-11-27T07:59:59Z')))).toBe(true);
    expect(isOverdue(invoice, calendarDateIn('America/Los_Angeles', new Date('2026-11-27T08:00:00Z')))).toBe(true);
    // 23:59 on the 26th in Tokyo (UTC+9) is 14:59 UTC on the 26th.
    expect(isOverdue(invoice, calendarDateIn('Asia/Tokyo', new Date('2026-11-26T14:59:59Z')))).toBe(false);
    expect(isOverdue(invoice, calendarDateIn('Asia/Tokyo', new Date('2026-11-26T15:00:00Z')))).toBe(true);
  });

  it('only open invoices with a due date are overdue', () => {
    for (const status of ['draft', 'paid', 'void', 'uncollectible'])
      expect(isOverdue({ status, dueDate: '2000-01-01' }, '2026-11-26')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, '2026-11-26')).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-26', 30)).toBe('2026-12-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-26', 0)).toBe('2026-11-26');
  });
});
