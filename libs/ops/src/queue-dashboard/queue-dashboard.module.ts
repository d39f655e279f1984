import { BullBoardModule } from '@bull-board/nestjs';
import { FastifyAdapter } from '@bull-board/fastify';
import { Module } from '@nestjs/common';
import { AuthModule } from '@nexus/auth';
import { OpsSessionController } from './ops-session.controller';
import { OpsSessionService } from './ops-session.service';
import { QueueDashboardAccess } from './queue-dashboard.access';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.paths';
import { QueueDashboardQueues } from './queue-dashboard.queues';

/**
 * Bull Board at /ops/queues for operators, and the browser session that lets
 * them open it. The path must be excluded from the global prefix
 * (apps/api/src/bootstrap.ts), or Bull Board mounts itself under /api/v1.
 */
@Module({
  imports: [
    AuthModule,
    BullBoardModule.forRoot({
      route: QUEUE_DASHBOARD_PATH,
      adapter: FastifyAdapter,
      boardOptions: { uiConfig: { boardTitle: 'Nexus queues' } },
    }),
  ],
  controllers: [OpsSessionController],
  providers: [OpsSessionService, QueueDashboardAccess, QueueDashboardQueues],
})
export class QueueDashboardModule {}
