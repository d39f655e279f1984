import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { deleteBatch } from '@nexus/core';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  /** Served by uq_refresh_tokens_hash. */
  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOne({ where: { tokenHash } });
  }

  save(token: RefreshTokenEntity, manager?: EntityManager): Promise<RefreshTokenEntity> {
    return (manager ?? this.tokens.manager).save(RefreshTokenEntity, token);
  }

  /**
   * Marks `id` replaced by `replacedById` only if nobody rotated it first;
   * false means a concurrent or repeated use, i.e. reuse.
   */
  async markRotated(id: string, replacedById: string, at: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(
      RefreshTokenEntity,
      { id, revokedAt: IsNull(), replacedById: IsNull() },
      { replacedById, revokedAt: at },
    );
    return result.affected === 1;
  }

  /** Served by ix_refresh_tokens_family. */
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Served by ix_refresh_tokens_user. */
  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Deletes up to `batch` tokens that expired before `before`; returns how many. Served by ix_refresh_tokens_expires. */
  deleteExpired(before: Date, batch: number, manager: EntityManager): Promise<number> {
    return deleteBatch(manager, RefreshTokenEntity, { expiresAt: LessThan(before) }, batch);
  }
}
