import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { excludedControls } from '../audits/audit-prefills';
import { samplingCoverage, type SamplingCoverage, type VisitRecord } from './coverage';

const VISITS_REGISTER = 'surveillance-visits';

/** The read side of the certification body's visits after certification. */
@Injectable()
export class SurveillanceVisits {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sampling coverage over the cycle of one certificate: `certificate` names it, else the
   * certificate of the visit due last (the cycle under way). Registers are readable by everyone
   * signed in, so this is too.
   */
  async coverage(organizationId: string, certificate?: string): Promise<SamplingCoverage> {
    const tx = this.dataSource.manager;
    const rows: Array<{ id: string; data: Record<string, unknown> }> = await tx.query(
      `SELECT id, data FROM register_records WHERE organization_id = $1 AND register_key = $2`,
      [organizationId, VISITS_REGISTER],
    );
    const visits = rows.map(toVisit);
    const current =
      certificate ??
      [...visits].sort((a, b) => (b.dueBy ?? '').localeCompare(a.dueBy ?? ''))[0]?.certificateNumber ??
      null;
    return samplingCoverage(
      visits.filter((v) => v.certificateNumber === current),
      await excludedControls(tx, organizationId),
      current,
    );
  }
}

function toVisit(row: { id: string; data: Record<string, unknown> }): VisitRecord {
  const d = row.data;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return {
    id: row.id,
    title: text(d.title) ?? 'Visit',
    kind: text(d.kind) ?? 'surveillance',
    certificateNumber: text(d.certificateNumber),
    dueBy: text(d.dueBy),
    startDate: text(d.startDate),
    status: text(d.status),
    sampledClauses: list(d.sampledClauses),
    sampledControls: list(d.sampledControls),
  };
}
