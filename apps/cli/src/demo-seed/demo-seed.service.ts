import { Injectable } from '@nestjs/common';
import { DemoAccounts, DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoInvoicesResult, DemoInvoicesSeeder } from './demo-invoices.seeder';
import { DemoRequestLogsResult, DemoRequestLogsSeeder } from './demo-request-logs.seeder';
import { SeededRandom } from './seeded-random';

/** One seed per part, so that changing how one part is drawn leaves the others as they were. */
const INVOICES_SEED = 20_261_126;
const TRAFFIC_SEED = 20_261_127;
const DAY_MS = 86_400_000;

export interface DemoSeedReport {
  organizationId: string;
  accounts: DemoAccounts;
  invoices: DemoInvoicesResult;
  requestLogs: DemoRequestLogsResult;
  elapsedMs: number;
}

/**
 * The demo data a frontend team needs on its first run: the organization and
 * its members, then invoicing, then a day of traffic that refers to both.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly accounts: DemoAccountsSeeder,
    private readonly invoices: DemoInvoicesSeeder,
    private readonly requestLogs: DemoRequestLogsSeeder,
  ) {}

  /** Seeds everything, or returns null (and writes nothing) when the demo organization is already there. */
  async seed(password: string, now = new Date()): Promise<DemoSeedReport | null> {
    const started = Date.now();
    if (await this.accounts.alreadySeeded()) return null;
    const accounts = await this.accounts.seed(password);
    const { organizationId, userIds } = accounts;
    const invoices = await this.invoices.seed(
      { organizationId, userId: userIds.owner },
      { organizationId, userId: userIds.accountant },
      new SeededRandom(INVOICES_SEED),
      now,
    );
    const requestLogs = await this.requestLogs.seed(
      {
        from: new Date(now.getTime() - DAY_MS),
        to: now,
        organizationId,
        userIds,
        invoiceIds: invoices.invoiceIds,
        customerIds: invoices.customerIds,
      },
      new SeededRandom(TRAFFIC_SEED),
    );
    return { organizationId, accounts, invoices, requestLogs, elapsedMs: Date.now() - started };
  }
}
