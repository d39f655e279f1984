import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  /** None for work outside a request that needs a context of its own (a transaction, see SqliteGate). */
  readonly requestId?: string;
}

/**
 * The request a log line belongs to. Entered once per request by a Fastify
 * hook (see apps/api/src/bootstrap.ts); pino's mixin adds the id to every line
 * logged while serving it, with no per-request child logger.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function requestIdMixin(): Record<string, string> {
  const store = requestContext.getStore();
  return store?.requestId ? { requestId: store.requestId } : {};
}

/**
 * Runs `work` in a context of its own, for work that is not part of any
 * request (a job, a timer's tick): its log lines carry no request id, and on
 * SQLite its transactions are its own (see SqliteGate).
 */
export function inOwnContext<T>(work: () => T): T {
  return requestContext.run({}, work);
}
