import { ConflictError } from '@nexus/core';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type InvoiceAction = 'finalize' | 'pay' | 'void' | 'mark_uncollectible';

/**
 * Stripe's invoice lifecycle: the only transitions there are. Paid and void
 * are terminal; drafts are the only editable state.
 */
export const TRANSITIONS: Readonly<Record<InvoiceAction, { from: readonly InvoiceStatus[]; to: InvoiceStatus }>> = {
  finalize: { from: ['draft'], to: 'open' },
  pay: { from: ['open', 'uncollectible'], to: 'paid' },
  void: { from: ['open', 'uncollectible'], to: 'void' },
  mark_uncollectible: { from: ['open'], to: 'uncollectible' },
};

const PAST_TENSE: Record<InvoiceAction, string> = {
  finalize: 'finalized',
  pay: 'paid',
  void: 'voided',
  mark_uncollectible: 'marked uncollectible',
};

export class InvalidTransitionError extends ConflictError {
  constructor(from: InvoiceStatus, action: InvoiceAction) {
    super(`An invoice that is ${from} cannot be ${PAST_TENSE[action]}`, 'invalid_transition', { fromStatus: from, action });
  }
}

/** The status `action` leads to from `from`, or an InvalidTransitionError (409). */
export function nextStatus(from: InvoiceStatus, action: InvoiceAction): InvoiceStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(from)) throw new InvalidTransitionError(from, action);
  return transition.to;
}
