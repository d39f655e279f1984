import { InvalidTransitionError, INVOICE_STATUSES, InvoiceAction, nextStatus } from './invoice-status';

const ALLOWED: [string, InvoiceAction, string][] = [
  ['draft', 'finalize', 'open'],
  ['open', 'pay', 'paid'],
  ['open', 'void', 'void'],
  ['open', 'mark_uncollectible', 'uncollectible'],
  ['uncollectible', 'pay', 'paid'],
  ['uncollectible', 'void', 'void'],
];
const ACTIONS: InvoiceAction[] = ['finalize', 'pay', 'void', 'mark_uncollectible'];

describe('invoice lifecycle', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from as never, action)).toBe(to);
  });

  const refused = INVOICE_STATUSES.flatMap((from) => ACTIONS.map((action) => [from, action] as const)).filter(
    ([from, action]) => !ALLOWED.some(([f, a]) => f === from && a === action),
  );

  it.each(refused)('refuses %s --%s--> with invalid_transition (409)', (from, action) => {
    try {
      nextStatus(from, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error).toMatchObject({ status: 409, code: 'invalid_transition', extensions: { fromStatus: from, action } });
    }
  });

  it('leaves paid and void terminal', () => {
    for (const action of ACTIONS) {
      expect(() => nextStatus('paid', action)).toThrow(InvalidTransitionError);
      expect(() => nextStatus('void', action)).toThrow(InvalidTransitionError);
    }
  });
});
