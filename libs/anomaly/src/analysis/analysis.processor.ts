import { Injectable } from '@nestjs/common';
import { JobHandler, PermanentJobError } from '@nexus/core';
import { AnalysisWindow, parseWindow } from './analysis-window';
import { ANALYZE_WINDOW_JOB, AnalysisResult, SCAN_WINDOW_JOB, WindowPayload } from './analysis.jobs';
import { AnalysisService } from './analysis.service';

function windowOf(payload: WindowPayload): AnalysisWindow {
  const window = parseWindow(payload.from, payload.to);
  if (!window) throw new PermanentJobError(`Invalid analysis window ${payload.from} – ${payload.to}`);
  return window;
}

/** The `anomaly` queue's consumer: both passes run one at a time per process. */
@Injectable()
export class AnalysisProcessor {
  constructor(private readonly analysis: AnalysisService) {}

  @JobHandler(ANALYZE_WINDOW_JOB)
  analyzeWindow(payload: WindowPayload): Promise<AnalysisResult> {
    return this.analysis.analyze(windowOf(payload), 'full');
  }

  @JobHandler(SCAN_WINDOW_JOB)
  scanWindow(payload: WindowPayload): Promise<AnalysisResult> {
    return this.analysis.analyze(windowOf(payload), 'scan');
  }
}
