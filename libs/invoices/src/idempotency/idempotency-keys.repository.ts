import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { deleteBatch } from '@nexus/core';
import { Brackets, EntityManager, LessThan, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

@Injectable()
export class IdempotencyKeysRepository {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>) {}

  /**
   * Inserts the row unless the organization already used the key
   * (uq_idempotency_keys_org_key): INSERT … ON CONFLICT DO NOTHING, INSERT IGNORE
   * or INSERT OR IGNORE, so a repeated key is no failed statement in the logs.
   */
  async insertIfAbsent(manager: EntityManager, row: IdempotencyKeyEntity): Promise<void> {
    await manager.createQueryBuilder().insert().into(IdempotencyKeyEntity).values(row).orIgnore().updateEntity(false).execute();
  }

  /** Served by uq_idempotency_keys_org_key. */
  findForOrganization(organizationId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.keys.findOne({ where: { organizationId, key } });
  }

  async complete(manager: EntityManager, id: string, status: number, body: string): Promise<void> {
    await manager.update(
      IdempotencyKeyEntity,
      { id, state: 'processing' },
      { state: 'completed', responseStatus: status, responseBody: body, leaseUntil: null },
    );
  }

  /** Extends the lease of a key still processing; false once it is not (completed, released or taken over). */
  async renewLease(manager: EntityManager, id: string, until: Date): Promise<boolean> {
    const result = await manager.update(IdempotencyKeyEntity, { id, state: 'processing' }, { leaseUntil: until });
    return result.affected === 1;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(IdempotencyKeyEntity, { id });
  }

  /**
   * Deletes the key if it is still as stale as its reader saw it: expired, or
   * processing with its lease run out (a row without a lease has the one of
   * its creation). A holder that renewed the lease meanwhile keeps it.
   */
  async deleteIfStale(manager: EntityManager, id: string, now: Date, leaseMs: number): Promise<void> {
    const leasedBefore = new Date(now.getTime() - leaseMs);
    await manager
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('id = :id', { id })
      .andWhere(
        new Brackets((stale) =>
          stale
            .where('expires_at <= :now', { now })
            .orWhere(
              new Brackets((abandoned) =>
                abandoned
                  .where("state = 'processing'")
                  .andWhere('(lease_until < :now OR (lease_until IS NULL AND created_at < :leasedBefore))', { now, leasedBefore }),
              ),
            ),
        ),
      )
      .execute();
  }

  /** Served by ix_idempotency_keys_expires; in batches so no statement holds locks for long. */
  deleteExpired(manager: EntityManager, now: Date, batch: number): Promise<number> {
    return deleteBatch(manager, IdempotencyKeyEntity, { expiresAt: LessThan(now) }, batch);
  }
}
