export * from './ops.module';
export * from './queue-dashboard/queue-dashboard.paths';
