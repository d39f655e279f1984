import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@nexus/core';
import { Account, toMeDto } from '../accounts/accounts.service';
import { SessionDto } from '../accounts/account.dto';
import { AccessTokenClaims } from './access-token';
import { ClientInfo, RefreshTokenService } from './refresh-token.service';

/** Issues the access + refresh token pair of a session. */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly config: AppConfig,
  ) {}

  /** A new login: a new refresh-token family. */
  async start(account: Account, client: ClientInfo): Promise<SessionDto> {
    const refreshToken = await this.refreshTokens.issue(account.user.id, client);
    return this.build(account, refreshToken);
  }

  /** An existing session continuing with an already rotated refresh token. */
  async continue(account: Account, refreshToken: string): Promise<SessionDto> {
    return this.build(account, refreshToken);
  }

  private async build(account: Account, refreshToken: string): Promise<SessionDto> {
    const claims: AccessTokenClaims = {
      sub: account.user.id,
      org: account.membership?.organizationId ?? null,
      role: account.membership?.role ?? null,
      ...(account.user.platformRole ? { prole: account.user.platformRole } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims);
    return { ...toMeDto(account), accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.jwt.accessTtlSeconds };
  }
}
