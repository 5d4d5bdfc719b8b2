import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { RegisterCatalog } from '../registers/register-catalog';
import { canReadInstance } from '../workflow/instance-access';
import { compileInputPack, type InputPack } from './input-pack';
import { packHash, REVIEW_DEFINITION, reviewRecord } from './input-pack-freezer.service';

export interface InputPackView {
  reviewId: string;
  /** True once the review was held: the pack is then the one frozen in its record. */
  frozen: boolean;
  frozenAt: string | null;
  sha256: string;
  pack: InputPack;
}

/** The read side of a management review's input pack: live while it is prepared, frozen once held. */
@Injectable()
export class ManagementReviews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: RegisterCatalog,
  ) {}

  /**
   * The pack of one review, for those who may read the review: its participants, and whoever may
   * read the instance (AIMS managers, admins, auditors, its task holders). Anyone else gets 404.
   */
  async inputPack(user: Principal, reviewId: string): Promise<InputPackView> {
    const tx = this.dataSource.manager;
    const [instance]: Array<{ snapshot: { context?: Record<string, any> } | null }> = await tx.query(
      `SELECT snapshot FROM process_instances WHERE organization_id = $1 AND id = $2 AND definition_key = $3`,
      [user.organizationId, reviewId, REVIEW_DEFINITION],
    );
    const notFound = new NotFoundException({ message: `There is no management review ${reviewId}.` });
    if (!instance) throw notFound;
    const preparation = instance.snapshot?.context?.preparation as Record<string, unknown> | null | undefined;
    if (!isParticipant(preparation, user.userId) && !(await canReadInstance(tx, user, reviewId)))
      throw notFound;
    const record = await reviewRecord(tx, user.organizationId, reviewId);
    if (record?.data.inputPackSha256)
      return {
        reviewId,
        frozen: true,
        frozenAt: record.data.inputPackFrozenAt,
        sha256: record.data.inputPackSha256,
        pack: record.data.inputPack,
      };
    const pack = await compileInputPack(tx, this.catalog, user.organizationId, reviewId, new Date());
    return { reviewId, frozen: false, frozenAt: null, sha256: packHash(pack), pack };
  }
}

function isParticipant(preparation: Record<string, unknown> | null | undefined, userId: string): boolean {
  const people = [preparation?.topManagement, preparation?.participants].flatMap((list) =>
    Array.isArray(list) ? list.map((p) => (p as { person?: unknown })?.person) : [],
  );
  return people.includes(userId);
}
