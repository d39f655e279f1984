import { Injectable, Logger } from '@nestjs/common';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppConfig, ConflictError, deleteInBatches } from '@nexus/core';
import { TransactionRunner } from '@nexus/core';
import { UnprocessableError } from '../errors';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

/**
 * A request holding a key leases it for this long, and renews the lease every
 * LEASE_RENEW_MS while it runs: a key whose lease ran out belongs to a request
 * that died (its process crashed or was killed), and a retry may take it over.
 * A slow request (waiting on a lock, say) keeps its key however long it takes.
 */
export const LEASE_MS = 60_000;
export const LEASE_RENEW_MS = 20_000;
/** Stored responses are at most this large (a MariaDB TEXT holds 64 KiB); larger ones are not kept. */
export const MAX_STORED_RESPONSE_BYTES = 60_000;
/** A stored response that would not fit as JSON text is kept gzipped, base64, behind this marker (no JSON text starts with it). */
const GZIP_MARKER = 'gzip:';

/** The stored text of a response: its JSON, or when that is too long (an invoice of 100 long lines is ≈ 100 kB), the JSON gzipped. */
function storedText(json: string): string {
  if (Buffer.byteLength(json) <= MAX_STORED_RESPONSE_BYTES) return json;
  return GZIP_MARKER + gzipSync(json).toString('base64');
}

function storedBody(text: string): unknown {
  return JSON.parse(
    text.startsWith(GZIP_MARKER) ? gunzipSync(Buffer.from(text.slice(GZIP_MARKER.length), 'base64')).toString('utf8') : text,
  );
}
const PURGE_BATCH = 500;

/** A row written before leases (by an older instance during a rolling deploy, say) has its creation's lease. */
function leaseEnd(key: IdempotencyKeyEntity): Date {
  return key.leaseUntil ?? new Date(key.createdAt.getTime() + LEASE_MS);
}

export type Claim = { kind: 'execute'; id: string } | { kind: 'replay'; status: number; body: unknown };

/**
 * Idempotency-Key records (Stripe's semantics, IETF draft-ietf-httpapi-idempotency-key-header):
 * the first request with a key claims it, later ones with the same body get
 * the stored response, with another body a 422, and while the first is still
 * running a 409. The unique index on (organization, key) decides races.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly ttlMs: number;

  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly transactions: TransactionRunner,
    config: AppConfig,
  ) {
    this.ttlMs = config.invoices.idempotencyKeyTtlSeconds * 1000;
  }

  async claim(organizationId: string, key: string, requestHash: string, now = new Date()): Promise<Claim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = Object.assign(new IdempotencyKeyEntity(), {
        organizationId,
        key,
        requestHash,
        state: 'processing',
        responseStatus: null,
        responseBody: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
        leaseUntil: new Date(now.getTime() + LEASE_MS),
      });
      await this.transactions.run((manager) => this.keys.insertIfAbsent(manager, row));
      const existing = await this.keys.findForOrganization(organizationId, key);
      if (!existing) continue;
      if (existing.id === row.id) return { kind: 'execute', id: row.id };
      const abandoned = existing.state === 'processing' && leaseEnd(existing) < now;
      if (existing.expiresAt <= now || abandoned) {
        await this.transactions.run((manager) => this.keys.deleteIfStale(manager, existing.id, now, LEASE_MS));
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableError(
          'This Idempotency-Key was already used with a different request; use a new key for a new request',
          'idempotency_key_reused',
        );
      }
      if (existing.state === 'processing') {
        throw new ConflictError(
          'A request with this Idempotency-Key is still being processed; retry later',
          'idempotency_request_in_progress',
        );
      }
      return {
        kind: 'replay',
        status: existing.responseStatus ?? 200,
        body: existing.responseBody === null ? undefined : storedBody(existing.responseBody),
      };
    }
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry later', 'idempotency_request_in_progress');
  }

  /**
   * Stores the response of a claimed key. The request itself already
   * succeeded, so this never throws: a response too large to keep, or a failed
   * write, releases the key instead (a retry then runs again) and is logged.
   */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    const json = body === undefined ? null : JSON.stringify(body);
    try {
      const text = json === null ? null : storedText(json);
      if (text !== null && Buffer.byteLength(text) > MAX_STORED_RESPONSE_BYTES) {
        this.logger.warn(
          `A response of ${Buffer.byteLength(json!)} bytes is too large to keep for replay; its Idempotency-Key is released`,
        );
        return await this.release(id);
      }
      await this.transactions.run((manager) => this.keys.complete(manager, id, status, text as string));
    } catch (error) {
      this.logger.error({ err: error }, 'Could not store the response of an Idempotency-Key');
      await this.release(id).catch(() => undefined);
    }
  }

  /**
   * Renews the lease of a claimed key every LEASE_RENEW_MS until the returned
   * function is called (once the request completed or released it).
   */
  holdLease(id: string): () => void {
    const timer = setInterval(() => {
      const until = new Date(Date.now() + LEASE_MS);
      this.transactions
        .run((manager) => this.keys.renewLease(manager, id, until))
        .then((held) => held || clearInterval(timer))
        .catch((error: Error) => this.logger.warn(`Could not renew the lease of an Idempotency-Key: ${error.message}`));
    }, LEASE_RENEW_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Forgets a claim whose request failed, so the client may retry with the same key. */
  async release(id: string): Promise<void> {
    await this.transactions.run((manager) => this.keys.delete(manager, id));
  }

  /** Deletes expired keys; returns how many. */
  purgeExpired(now = new Date()): Promise<number> {
    return deleteInBatches(this.transactions, PURGE_BATCH, (manager, batch) => this.keys.deleteExpired(manager, now, batch));
  }
}
