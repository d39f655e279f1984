import { BullAdapter } from '@bull-board/api/bullAdapter';
import { BullBoardInstance, InjectBullBoard } from '@bull-board/nestjs';
import { getQueueToken } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ALL_QUEUES, AppConfig } from '@nexus/core';
import type { Queue } from 'bull';

/**
 * Puts every Bull queue on the board. Done here rather than with
 * `BullBoardModule.forFeature`, which needs the queues to exist: in embedded
 * mode there are none, and the board stays empty behind QueueDashboardAccess.
 */
@Injectable()
export class QueueDashboardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.mode !== 'services') return;
    for (const name of ALL_QUEUES) {
      this.board.addQueue(new BullAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
    }
  }
}
