import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, addYears } from '../certification/certification-dates';
import { ProcessRuntime } from '../workflow/process-runtime';

type Data = Record<string, unknown>;

/**
 * A `surveillance-audit` started by hand (the Processes page) rather than by phase 5 gets its
 * certificate and deadline from the `certificates` register: the certificate decided last, and the
 * next visit of its cycle after those already in the `surveillance-visits` register. The deadlines
 * are phase 5's (`workflows/phase-maintain-enhance/deadlines.ts`): within 12 and 24 months of the
 * decision, the recertification by the day before expiry. Input given by the caller wins; without a
 * certificate in the register the visit starts as before (due a month after it opens).
 */
@Injectable()
export class VisitStartInput implements OnModuleInit {
  constructor(private readonly runtime: ProcessRuntime) {}

  onModuleInit(): void {
    this.runtime.provideStartInput('surveillance-audit', (tx, org, input) => visitInput(tx, org, input));
  }
}

export async function visitInput(tx: EntityManager, organizationId: string, input: Data): Promise<Data> {
  if (input.certificate !== undefined || input.dueBy !== undefined) return input;
  const [row]: Array<{ data: Data }> = await tx.query(
    `SELECT data FROM register_records WHERE organization_id = $1 AND register_key = 'certificates'
      ORDER BY data->>'decidedOn' DESC, created_at DESC LIMIT 1`,
    [organizationId],
  );
  const c = row?.data;
  if (!c || typeof c.decidedOn !== 'string' || typeof c.expiresOn !== 'string') return input;
  const [{ count }]: Array<{ count: number }> = await tx.query(
    `SELECT count(*)::int AS count FROM register_records
      WHERE organization_id = $1 AND register_key = 'surveillance-visits' AND data->>'certificateNumber' = $2`,
    [organizationId, c.number],
  );
  const year = Math.min(count + 1, 3);
  const dueBy = year === 3 ? addDays(c.expiresOn, -1) : addYears(c.decidedOn, year);
  const certificate = {
    number: c.number,
    scope: c.scope,
    decidedOn: c.decidedOn,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
  };
  return {
    kind: year === 3 ? 'recertification' : 'surveillance',
    year,
    title: year === 3 ? 'Recertification audit' : `Surveillance audit ${year}`,
    certificate,
    dueBy,
    ...input,
  };
}
