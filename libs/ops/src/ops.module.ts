import { Module } from '@nestjs/common';

/**
 * What operators use to see inside a running API: the Prometheus endpoint and
 * the queue dashboard. Mounted by apps/api only; the worker has no HTTP server.
 */
@Module({})
export class OpsModule {}
