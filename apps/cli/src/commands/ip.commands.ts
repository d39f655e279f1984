import { IpRulesService } from '@nexus/ip-tracking';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliOutput } from '../cli-output';
import { durationSeconds } from '@nexus/core';

interface BlockOptions {
  for?: number;
  reason?: string;
}

@Command({
  name: 'ip:block',
  arguments: '<target>',
  description: 'Block an IP address, a CIDR range or a country code (e.g. 203.0.113.7, 2001:db8::/48, RU)',
})
export class IpBlockCommand extends CommandRunner {
  constructor(
    private readonly rules: IpRulesService,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run([target]: string[], options: BlockOptions = {}): Promise<void> {
    const rule = await this.rules.create({
      kind: 'block',
      target,
      reason: options.reason ?? 'Blocked from the command line',
      source: 'manual',
      createdBy: 'cli',
      durationSeconds: options.for ?? null,
    });
    this.out.line(
      `Blocked ${rule.target} (${rule.targetType}) ${rule.expiresAt ? `until ${rule.expiresAt.toISOString()}` : 'permanently'} [${rule.id}]`,
    );
  }

  @Option({ flags: '--for <duration>', description: 'How long, e.g. 90s, 15m, 1h, 7d (default: permanent)' })
  parseFor(value: string): number {
    return durationSeconds(value);
  }

  @Option({ flags: '--reason <text>', description: 'Why (shown to operators)' })
  parseReason(value: string): string {
    return value;
  }
}

@Command({ name: 'ip:unblock', arguments: '<target>', description: 'Remove the active block rules on an address, range or country' })
export class IpUnblockCommand extends CommandRunner {
  constructor(
    private readonly rules: IpRulesService,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run([target]: string[]): Promise<void> {
    const removed = await this.rules.removeByTarget('block', target);
    this.out.line(`Unblocked ${target} (${removed} rule${removed === 1 ? '' : 's'} removed)`);
  }
}

@Command({ name: 'ip:list', description: 'List the IP rules in force, newest first' })
export class IpListCommand extends CommandRunner {
  constructor(
    private readonly rules: IpRulesService,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run(): Promise<void> {
    const page = await this.rules.list({ active: true, page: 1, limit: 100 });
    if (page.data.length === 0) this.out.line('No IP rules in force.');
    for (const rule of page.data) {
      const until = rule.expiresAt ? `until ${rule.expiresAt.toISOString()}` : 'permanent';
      this.out.line(`${rule.kind.padEnd(5)} ${rule.target.padEnd(40)} ${rule.source.padEnd(6)} ${until}  ${rule.reason}`);
    }
    if (page.meta.total > page.data.length)
      this.out.line(`… ${page.meta.total - page.data.length} more (use the API to page through them)`);
  }
}
