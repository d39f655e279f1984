/**
 * Calendar arithmetic in an organization's time zone. Issue and due dates are
 * days ("YYYY-MM-DD"), not instants; "today" is the organization's today, so
 * an invoice due on D is overdue from midnight after D there, not in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The day it is at `instant` in `timeZone`, as "YYYY-MM-DD". */
export function calendarDateIn(timeZone: string, instant: Date): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "2026-11-26" + 30 → "2026-12-26". */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Open and past its due date in the organization's calendar (`today` from calendarDateIn). */
export function isOverdue(invoice: { status: string; dueDate: string | null }, today: string): boolean {
  return invoice.status === 'open' && invoice.dueDate !== null && invoice.dueDate < today;
}
