import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, deleteInBatches, TransactionRunner, UnauthorizedError } from '@nexus/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokenRepository } from './refresh-token.repository';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Expired tokens stay a week for the record (who signed in from where), then the daily purge deletes them. */
export const EXPIRED_TOKEN_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PURGE_BATCH = 1000;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Opaque refresh tokens with rotation and reuse detection (RFC 9700 §4.14):
 * each use returns a new token of the same family; presenting a token that was
 * already rotated revokes the whole family.
 */
@Injectable()
export class RefreshTokenService {
  private readonly logger = new Logger(RefreshTokenService.name);

  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  async issue(userId: string, client: ClientInfo, familyId: string = randomUUID()): Promise<string> {
    const { token, entity } = this.build(userId, familyId, client);
    await this.tokens.save(entity);
    return token;
  }

  /** Returns the user id and a new token; throws 401 for unknown, expired, revoked or reused tokens. */
  async rotate(presented: string, client: ClientInfo): Promise<{ userId: string; token: string }> {
    const current = await this.tokens.findByHash(hashRefreshToken(presented));
    if (!current) throw new UnauthorizedError('The refresh token is not valid', 'invalid_refresh_token');
    const now = new Date();
    if (current.revokedAt || current.replacedById) return this.reuseDetected(current, now);
    if (current.expiresAt.getTime() <= now.getTime()) throw new UnauthorizedError('The refresh token has expired', 'refresh_token_expired');

    const { token, entity } = this.build(current.userId, current.familyId, client);
    const rotated = await this.transactions.run(async (manager) => {
      if (!(await this.tokens.markRotated(current.id, entity.id, now, manager))) return false;
      await this.tokens.save(entity, manager);
      return true;
    });
    if (!rotated) return this.reuseDetected(current, now);
    return { userId: current.userId, token };
  }

  /** Deletes tokens expired longer than the retention ago (every login and refresh adds one); returns how many. */
  purgeExpired(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - EXPIRED_TOKEN_RETENTION_MS);
    return deleteInBatches(this.transactions, PURGE_BATCH, (manager, batch) => this.tokens.deleteExpired(before, batch, manager));
  }

  /** Logout: revokes the family of the presented token (unknown tokens are ignored). */
  async revokeFamilyOf(presented: string): Promise<void> {
    const current = await this.tokens.findByHash(hashRefreshToken(presented));
    if (current) await this.tokens.revokeFamily(current.familyId, new Date());
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.tokens.revokeAllForUser(userId, new Date());
  }

  private async reuseDetected(token: RefreshTokenEntity, now: Date): Promise<never> {
    await this.tokens.revokeFamily(token.familyId, now);
    this.logger.warn({ userId: token.userId, familyId: token.familyId }, 'Refresh token reuse detected; family revoked');
    throw new UnauthorizedError('The refresh token was already used; every session of this login has been revoked', 'refresh_token_reused');
  }

  private build(userId: string, familyId: string, client: ClientInfo): { token: string; entity: RefreshTokenEntity } {
    const token = randomBytes(32).toString('base64url');
    const entity = Object.assign(new RefreshTokenEntity(), {
      tokenHash: hashRefreshToken(token),
      familyId,
      userId,
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
      revokedAt: null,
      replacedById: null,
      createdByIp: client.ip?.slice(0, 45) ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    return { token, entity };
  }
}
