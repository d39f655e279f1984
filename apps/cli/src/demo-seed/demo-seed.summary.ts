import { INVOICE_STATUSES } from '@nexus/invoices';
import { DEMO_MEMBERS, DEMO_ORGANIZATION_NAME } from './demo-accounts.seeder';
import { DemoSeedReport } from './demo-seed.service';

const count = (n: number) => n.toLocaleString('en-US');

/** What `db:seed --demo` prints when it is done: what it created, how to log in, what to look for. */
export function demoSeedSummary(report: DemoSeedReport, password: { value: string; isDefault: boolean }): string[] {
  const { invoices, requestLogs } = report;
  const byStatus = INVOICE_STATUSES.map((status) => `${status} ${invoices.byStatus[status]}`).join(', ');
  const from = requestLogs.from.toISOString();
  const to = requestLogs.to.toISOString();
  return [
    `Seeded the demo organization "${DEMO_ORGANIZATION_NAME}" (${report.organizationId}) in ${(report.elapsedMs / 1000).toFixed(1)} s:`,
    `  members       ${DEMO_MEMBERS.length} (${DEMO_MEMBERS.map((member) => member.role).join(', ')})`,
    `  tax rates     ${invoices.taxRates}`,
    `  customers     ${invoices.customers}`,
    `  invoices      ${invoices.invoices}: ${byStatus} (${invoices.partiallyPaid} partially paid, ${invoices.overdue} overdue)`,
    `  payments      ${invoices.payments}`,
    `  request logs  ${count(requestLogs.written)}, ${from} – ${to}`,
    'Log in (POST /api/v1/auth/login) as:',
    ...DEMO_MEMBERS.map((member) => `  ${member.role.padEnd(11)} ${member.email}`),
    `  password    ${password.value}${password.isDefault ? ' (the published demo password, for this demo data only; --password sets another)' : ' (from --password)'}`,
    `Suspicious traffic to find: a scanner at ${requestLogs.scannerIp} and a brute-forcer at ${requestLogs.bruteForcerIp}:`,
    `  npm run cli -- analysis:run --from ${from} --to ${to}`,
  ];
}
