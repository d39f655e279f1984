import { formatInvoiceNumber } from './invoice-number';

describe('invoice numbers', () => {
  it('are {PREFIX}-{YYYY}-{NNNNNN}', () => {
    expect(formatInvoiceNumber('INV', 2026, 1)).toBe('INV-2026-000001');
    expect(formatInvoiceNumber('ACME', 2027, 123456)).toBe('ACME-2027-123456');
    expect(formatInvoiceNumber('INV', 2026, 1_000_000)).toBe('INV-2026-1000000');
  });
});
