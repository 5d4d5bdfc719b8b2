// `npm run audit:verify`: re-computes every organisation's audit trail (chains, heads, signed
// checkpoints); exit 1 at the first broken link. `--public-key FILE` adds a trusted public key
// (an outside verifier's copy); by default the configured signing key's public half is trusted.
import 'reflect-metadata';
import fs from 'node:fs';
import { loadConfig } from '../platform/config';
import { Database } from '../platform/database/database';
import { loadAuditSigningKey } from './audit-signing-key';
import { verifyAuditTrail } from './audit-verifier';

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const flag = argv.indexOf('--public-key');
  const trustedKeys =
    flag >= 0 ? [fs.readFileSync(argv[flag + 1], 'utf8')] : [loadAuditSigningKey(config).publicKey];
  const db = await Database.open(config);
  try {
    const started = Date.now();
    const reports = await verifyAuditTrail(db.dataSource, { trustedKeys });
    for (const r of reports) {
      console.log(
        r.ok
          ? `ok      ${r.organizationId}: ${r.records} records in ${r.chains} chains, ${r.checkpoints} checkpoints`
          : `BROKEN  ${r.organizationId}: chain ${r.firstBroken!.chainId} at seq ${r.firstBroken!.seq} (${r.firstBroken!.reason}); ${r.records} records verified before it`,
      );
    }
    const ok = reports.every((r) => r.ok);
    console.log(
      JSON.stringify({
        ok,
        organizations: reports.length,
        records: reports.reduce((n, r) => n + r.records, 0),
        chains: reports.reduce((n, r) => n + r.chains, 0),
        checkpoints: reports.reduce((n, r) => n + r.checkpoints, 0),
        firstBroken: reports.find((r) => !r.ok)?.firstBroken,
        ms: Date.now() - started,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
