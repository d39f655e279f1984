import { DateTimeColumn, IntColumn, TextColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { Entity, Index } from 'typeorm';

export type IdempotencyState = 'processing' | 'completed';

/**
 * One Idempotency-Key of one organization: the request it was first used for
 * (a SHA-256 of method, path and body) and, once that finished, its response.
 */
@Entity('idempotency_keys')
@Index('uq_idempotency_keys_org_key', ['organizationId', 'key'], { unique: true })
@Index('ix_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKeyEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @VarcharColumn(255, { name: 'idempotency_key' })
  key!: string;

  @VarcharColumn(64, { name: 'request_hash' })
  requestHash!: string;

  @VarcharColumn(16)
  state!: IdempotencyState;

  @IntColumn({ name: 'response_status', nullable: true })
  responseStatus!: number | null;

  /** The response body as JSON text. */
  @TextColumn({ name: 'response_body', nullable: true })
  responseBody!: string | null;

  @DateTimeColumn({ name: 'created_at', precision: 3 })
  createdAt!: Date;

  @DateTimeColumn({ name: 'expires_at', precision: 3 })
  expiresAt!: Date;

  /**
   * While processing: until when the request holding the key is known to be
   * alive (it renews this while it runs). Past it, the request is taken for
   * dead and a retry may take the key over. Null once completed.
   */
  @DateTimeColumn({ name: 'lease_until', precision: 3, nullable: true })
  leaseUntil!: Date | null;
}
