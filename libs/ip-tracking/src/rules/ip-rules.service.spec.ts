import { AppConfig, RedisService } from '@nexus/core';
import { IpRuleEntity } from './ip-rule.entity';
import { IpRulesRepository } from './ip-rules.repository';
import { IpRulesService } from './ip-rules.service';

const blockRule = (target: string) =>
  Object.assign(new IpRuleEntity(), {
    id: `rule-${target}`,
    kind: 'block',
    targetType: 'ip',
    target,
    reason: 'test',
    source: 'manual',
    createdBy: null,
    expiresAt: null,
    createdAt: new Date(),
  });

describe('IpRulesService.reload', () => {
  /** A table whose reads take a snapshot when they start and answer 20 ms later, as a slow read of many rules does. */
  function slowTable() {
    const rows: IpRuleEntity[] = [];
    let reads = 0;
    const repository = {
      fingerprint: async () => `${rows.length}`,
      findActive: async () => {
        reads += 1;
        const snapshot = [...rows];
        await new Promise((resolve) => setTimeout(resolve, 20));
        return snapshot;
      },
    } as unknown as IpRulesRepository;
    return { rows, repository, reads: () => reads };
  }

  const service = (repository: IpRulesRepository) =>
    new IpRulesService(repository, { client: null } as unknown as RedisService, AppConfig.forTest());

  it('a reload asked for during a read reads again afterwards: a rule written meanwhile is in force when it resolves', async () => {
    const table = slowTable();
    const rules = service(table.repository);
    const inFlight = rules.reload();
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first read has taken its snapshot
    table.rows.push(blockRule('192.0.2.9'));
    await rules.reload();
    expect(rules.decide('192.0.2.9', () => null).action).toBe('block');
    await inFlight;
    expect(table.reads()).toBe(2);
  });

  it('a burst of reloads during a read costs one more read, not one each', async () => {
    const table = slowTable();
    const rules = service(table.repository);
    const calls = [rules.reload()];
    await new Promise((resolve) => setTimeout(resolve, 5));
    table.rows.push(blockRule('192.0.2.10'));
    for (let i = 0; i < 5; i++) calls.push(rules.reload());
    await Promise.all(calls);
    expect(table.reads()).toBe(2);
    expect(rules.decide('192.0.2.10', () => null).action).toBe('block');
  });
});
