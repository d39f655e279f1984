import { Injectable } from '@nestjs/common';
import { AccountsService } from '@nexus/auth';

/**
 * The demo password, published in the README so a frontend team can log in.
 * It exists for the demo accounts and nothing else: never use it, or derive
 * one from it, for a real account, a test fixture or a secret.
 */
export const DEMO_PASSWORD = 'harbor-lights-ledger-2026';

export const DEMO_ORGANIZATION_NAME = 'Harborview Digital (demo)';

/** `.example` (RFC 2606): no mail to these addresses can ever be delivered. */
export const DEMO_MEMBERS = [
  { role: 'owner', name: 'Olivia Bennett', email: 'owner@demo.nexus.example' },
  { role: 'accountant', name: 'Marcus Chen', email: 'accountant@demo.nexus.example' },
  { role: 'viewer', name: 'Priya Raman', email: 'viewer@demo.nexus.example' },
] as const;

export type DemoRole = (typeof DEMO_MEMBERS)[number]['role'];

export interface DemoAccounts {
  organizationId: string;
  userIds: Record<DemoRole, string>;
}

/** The demo organization and its three members, created the way sign-up and "add member" create them. */
@Injectable()
export class DemoAccountsSeeder {
  constructor(private readonly accounts: AccountsService) {}

  /** The demo owner is the mark of a seeded database: the organization is created with them, first. */
  async alreadySeeded(): Promise<boolean> {
    return (await this.accounts.findUserByEmail(DEMO_MEMBERS[0].email)) !== null;
  }

  async seed(password: string): Promise<DemoAccounts> {
    const [owner, ...members] = DEMO_MEMBERS;
    const registered = await this.accounts.register({
      email: owner.email,
      name: owner.name,
      password,
      organizationName: DEMO_ORGANIZATION_NAME,
    });
    const organizationId = registered.organization!.id;
    const userIds = { owner: registered.user.id } as Record<DemoRole, string>;
    for (const member of members) {
      const account = await this.accounts.createUser(
        { email: member.email, name: member.name, password },
        { organizationId, role: member.role },
      );
      userIds[member.role] = account.user.id;
    }
    return { organizationId, userIds };
  }
}
