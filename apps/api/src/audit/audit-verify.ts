// `npm run audit:verify`: re-computes every organisation's audit hash chain; exit 1 at the first broken link.
import 'reflect-metadata';
import { loadConfig } from '../platform/config';
import { Database } from '../platform/database/database';
import { verifyAuditChains } from './audit-verifier';

async function main(): Promise<number> {
  const db = await Database.open(loadConfig());
  try {
    const started = Date.now();
    const reports = await verifyAuditChains(db.dataSource);
    for (const r of reports) {
      console.log(
        r.ok
          ? `ok      ${r.organizationId}: ${r.checked} records`
          : `BROKEN  ${r.organizationId}: first broken link at seq ${r.firstBroken!.seq} (${r.firstBroken!.reason}); ${r.checked} records verified before it`,
      );
    }
    const total = reports.reduce((n, r) => n + r.checked, 0);
    console.log(
      JSON.stringify({
        organizations: reports.length,
        records: total,
        ok: reports.every((r) => r.ok),
        ms: Date.now() - started,
      }),
    );
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
