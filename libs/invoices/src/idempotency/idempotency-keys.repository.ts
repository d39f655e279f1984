import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
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
      { state: 'completed', responseStatus: status, responseBody: body },
    );
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(IdempotencyKeyEntity, { id });
  }

  /** Served by ix_idempotency_keys_expires; in batches so no statement holds locks for long. */
  async deleteExpired(manager: EntityManager, now: Date, batch: number): Promise<number> {
    const expired = await manager.find(IdempotencyKeyEntity, { select: { id: true }, where: { expiresAt: LessThan(now) }, take: batch });
    if (expired.length === 0) return 0;
    await manager.delete(
      IdempotencyKeyEntity,
      expired.map((row) => row.id),
    );
    return expired.length;
  }
}
