/** `{PREFIX}-{YYYY}-{NNNNNN}`: INV-2026-000042 (a seventh digit appears after 999999). */
export function formatInvoiceNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
