export * from './analysis/analysis-window';
export * from './analysis/analysis.jobs';
export * from './analysis/analysis.service';
export * from './anomaly.module';
export * from './entities';
export * from './rules/anomaly-rule';
