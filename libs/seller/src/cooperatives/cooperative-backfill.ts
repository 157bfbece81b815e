import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ObjectStorage } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CooperativeStatus } from './cooperative-status.js';
import { Cooperative, CooperativeDocument, CooperativeMember, CooperativeStatusChange, DocumentKind, MemberRole } from './cooperative.entities.js';
import { uniqueCooperativeSlug } from './cooperative-slug.js';

/** A cooperative whose registration and review already happened, on the dates given. */
export interface BackfilledCooperative {
  name: string;
  taxCode: string;
  representative: string;
  /** E.164. */
  phone: string;
  email: string;
  wardCode: string;
  formerCommuneCode: string | null;
  addressLine: string;
  description: string;
  status: CooperativeStatus.Draft | CooperativeStatus.Submitted | CooperativeStatus.Approved;
  /** The account that registered it and became its admin. */
  adminUserId: string;
  registeredAt: Date;
  /** Read past draft only. */
  submittedAt: Date;
  /** Read when approved only. */
  approvedAt: Date;
  /** The official who approved it; null when that account is not here. */
  reviewerId: string | null;
  /** Past draft: submitting needs the business registration, so there is one to review. */
  registrationPaper: { fileName: string; pdf: Buffer } | null;
}

/**
 * Writes cooperatives with a past (the demo's): the rows, the admin's membership, the paper and the
 * verification timeline, each dated as given. Nothing is audited or notified: none of it happens now.
 */
@Injectable()
export class CooperativeBackfill {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
  ) {}

  async write(backfilled: BackfilledCooperative): Promise<void> {
    const { registrationPaper: paper, adminUserId, registeredAt, submittedAt, approvedAt } = backfilled;
    const id = randomUUID();
    const paperKey = `private/cooperatives/${id}/documents/${randomUUID()}.pdf` as const;
    if (paper) await this.storage.put(paperKey, paper.pdf, { contentType: 'application/pdf' });

    await this.db.transaction(async (manager) => {
      await manager.getRepository(Cooperative).insert({
        id,
        slug: await uniqueCooperativeSlug(manager, backfilled.name),
        name: backfilled.name,
        taxCode: backfilled.taxCode,
        representative: backfilled.representative,
        phone: backfilled.phone,
        email: backfilled.email,
        wardCode: backfilled.wardCode,
        formerCommuneCode: backfilled.formerCommuneCode,
        addressLine: backfilled.addressLine,
        description: backfilled.description,
        logoKey: null,
        status: backfilled.status,
        statusReason: null,
        createdBy: adminUserId,
        createdAt: registeredAt,
        updatedAt: { draft: registeredAt, submitted: submittedAt, approved: approvedAt }[backfilled.status],
      });
      await manager.getRepository(CooperativeMember).insert({ cooperativeId: id, userId: adminUserId, role: MemberRole.Admin, createdAt: registeredAt });
      const timeline: Array<Omit<CooperativeStatusChange, 'id' | 'reason'>> = [
        { cooperativeId: id, fromStatus: null, toStatus: CooperativeStatus.Draft, actorUserId: adminUserId, createdAt: registeredAt },
      ];
      if (paper) {
        await manager.getRepository(CooperativeDocument).insert({
          cooperativeId: id,
          kind: DocumentKind.BusinessRegistration,
          fileName: paper.fileName,
          contentType: 'application/pdf',
          sizeBytes: paper.pdf.length,
          storageKey: paperKey,
          uploadedBy: adminUserId,
          createdAt: registeredAt,
        });
        timeline.push({
          cooperativeId: id,
          fromStatus: CooperativeStatus.Draft,
          toStatus: CooperativeStatus.Submitted,
          actorUserId: adminUserId,
          createdAt: submittedAt,
        });
      }
      if (backfilled.status === CooperativeStatus.Approved) {
        timeline.push({
          cooperativeId: id,
          fromStatus: CooperativeStatus.Submitted,
          toStatus: CooperativeStatus.Approved,
          actorUserId: backfilled.reviewerId,
          createdAt: approvedAt,
        });
      }
      await manager.getRepository(CooperativeStatusChange).insert(timeline.map((change) => ({ ...change, reason: null })));
    });
  }
}
