import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '@nexus/core';
import { RECORD_OVERDUE_JOB } from './overdue.jobs';
import { OverdueService } from './overdue.service';

@Injectable()
export class OverdueProcessor {
  private readonly logger = new Logger(OverdueProcessor.name);

  constructor(private readonly overdue: OverdueService) {}

  @JobHandler(RECORD_OVERDUE_JOB)
  async recordOverdue(data: { day: string }): Promise<{ recorded: number }> {
    const recorded = await this.overdue.recordOverdue();
    this.logger.log(`Overdue sweep of ${data.day}: ${recorded} invoice(s) became overdue`);
    return { recorded };
  }
}
