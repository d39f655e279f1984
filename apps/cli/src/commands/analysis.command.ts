import { AnalysisService, ANOMALY_RULES, parseWindow } from '@nexus/anomaly';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliOutput } from '../cli-output';

interface AnalysisRunOptions {
  from?: Date;
  to?: Date;
}

function instant(flag: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag}: expected an ISO 8601 time such as 2026-11-26T10:00:00Z, got "${value}"`);
  return date;
}

@Command({
  name: 'analysis:run',
  description: 'Run anomaly detection over [--from, --to) now, in this process, with every rule (a re-run records nothing twice)',
})
export class AnalysisRunCommand extends CommandRunner {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run(_args: string[], options: AnalysisRunOptions = {}): Promise<void> {
    if (!options.from || !options.to) throw new Error('analysis:run needs --from and --to');
    const window = parseWindow(options.from.toISOString(), options.to.toISOString());
    if (!window) throw new Error('--to must be after --from, and the window at most 7 days long');
    const result = await this.analysis.analyze(window, 'full');
    this.out.line(
      `Analysed ${result.windowStart} – ${result.windowEnd}: ${result.findings} new finding(s), ${result.duplicates} already recorded, ${result.bans} ban(s)${result.dryRun ? ' (dry run)' : ''}`,
    );
    for (const rule of ANOMALY_RULES) if (result.byRule[rule] > 0) this.out.line(`  ${rule.padEnd(15)} ${result.byRule[rule]}`);
  }

  @Option({ flags: '--from <time>', description: 'Start of the window, ISO 8601 (inclusive)', required: true })
  parseFrom(value: string): Date {
    return instant('--from', value);
  }

  @Option({ flags: '--to <time>', description: 'End of the window, ISO 8601 (exclusive)', required: true })
  parseTo(value: string): Date {
    return instant('--to', value);
  }
}
