import { Injectable } from '@nestjs/common';
import { JobHandler } from '@nexus/core';
import { PURGE_REFRESH_TOKENS_JOB } from './refresh-token.jobs';
import { RefreshTokenService } from './refresh-token.service';

@Injectable()
export class RefreshTokenProcessor {
  constructor(private readonly refreshTokens: RefreshTokenService) {}

  @JobHandler(PURGE_REFRESH_TOKENS_JOB)
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await this.refreshTokens.purgeExpired() };
  }
}
