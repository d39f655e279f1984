import { AppConfig, TransactionRunner } from '@nexus/core';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { IdempotencyService, LEASE_MS, LEASE_RENEW_MS } from './idempotency.service';

describe('IdempotencyService.holdLease', () => {
  const manager = {} as EntityManager;
  let renewals: { id: string; until: number }[];
  let held: boolean;
  let service: IdempotencyService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-27T10:00:00Z') });
    renewals = [];
    held = true;
    const keys = {
      renewLease: async (_m: EntityManager, id: string, until: Date) => (renewals.push({ id, until: until.getTime() }), held),
    } as unknown as IdempotencyKeysRepository;
    const transactions = { run: <T>(work: (m: EntityManager) => Promise<T>) => work(manager) } as unknown as TransactionRunner;
    service = new IdempotencyService(keys, transactions, AppConfig.forTest({}));
  });
  afterEach(() => jest.useRealTimers());

  it('renews the lease every LEASE_RENEW_MS to LEASE_MS ahead, for as long as the request runs', async () => {
    const stop = service.holdLease('key-1');
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS * 3);
    const start = new Date('2026-11-27T10:00:00Z').getTime();
    expect(renewals).toEqual([1, 2, 3].map((n) => ({ id: 'key-1', until: start + n * LEASE_RENEW_MS + LEASE_MS })));
    stop();
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS * 3);
    expect(renewals).toHaveLength(3);
  });

  it('stops renewing once the key is no longer processing (completed, released or taken over)', async () => {
    service.holdLease('key-2');
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    held = false;
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS * 4);
    expect(renewals).toHaveLength(2);
  });
});
