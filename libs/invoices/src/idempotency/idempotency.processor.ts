import { Injectable } from '@nestjs/common';
import { JobHandler } from '@nexus/core';
import { PURGE_IDEMPOTENCY_KEYS_JOB } from './idempotency.jobs';
import { IdempotencyService } from './idempotency.service';

@Injectable()
export class IdempotencyProcessor {
  constructor(private readonly idempotency: IdempotencyService) {}

  @JobHandler(PURGE_IDEMPOTENCY_KEYS_JOB)
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await this.idempotency.purgeExpired() };
  }
}
