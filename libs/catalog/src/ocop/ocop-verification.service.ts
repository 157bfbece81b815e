import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppException,
  AuditService,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  NotificationAudience,
  NotificationOutbox,
  toPage,
  type AuthUser,
  type Page,
} from '@nongsan/core';
import { DocumentKind } from '@nongsan/seller';
import type { DataSource } from 'typeorm';
import { catalogError } from '../catalog.errors.js';
import type { ProductDto } from '../products/product.dto.js';
import { OcopStatus, Product, ProductStatus } from '../products/product.entities.js';
import { ProductsService } from '../products/products.service.js';
import type { OcopClaimDto, OcopClaimQueryDto } from './ocop-claims.dto.js';

export type OcopVerdict = 'verify' | 'reject';

interface ClaimRow {
  id: string;
  name: string;
  cooperative_id: string;
  cooperative_name: string;
  ocop_stars: number;
  ocop_certificate_number: string;
  ocop_issued_at: string;
  ocop_expires_at: string;
  ocop_status: OcopStatus;
  ocop_rejection_reason: string | null;
  position: string;
  document_id: string | null;
  document_kind: string | null;
  document_file_name: string | null;
}

/** [created_at as PostgreSQL prints it, product id]: full precision, so keyset pages never repeat or skip a row. */
const isClaimPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'string') && /^[0-9a-f-]{36}$/.test(value[1] as string);

/**
 * The Department checks each OCOP claim against its certificate (number of the issuing decision,
 * dates) before it earns the badge or counts anywhere. Claims wait in a queue, oldest product
 * first; each verdict locks the product, is written with its audit entry in one transaction, and
 * can be reversed by the opposite verdict (a certificate found withdrawn, a rejection corrected).
 */
@Injectable()
export class OcopVerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
  ) {}

  async claims(query: OcopClaimQueryDto): Promise<Page<OcopClaimDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isClaimPosition);
    // Rides products_ocop_claims_idx (ocop_status, created_at, id); archived products are off sale for good.
    const rows = await this.db.query<ClaimRow[]>(
      `SELECT p.id, p.name, p.cooperative_id, c.name AS cooperative_name, p.ocop_stars, p.ocop_certificate_number,
              p.ocop_issued_at::text, p.ocop_expires_at::text, p.ocop_status, p.ocop_rejection_reason, p.created_at::text AS position,
              d.id AS document_id, d.kind AS document_kind, d.file_name AS document_file_name
         FROM products p
         JOIN cooperatives c ON c.id = p.cooperative_id
         LEFT JOIN LATERAL (SELECT id, kind, file_name FROM cooperative_documents
                             WHERE cooperative_id = p.cooperative_id AND kind = $2 ORDER BY created_at DESC, id DESC LIMIT 1) d ON true
        WHERE p.ocop_status = $1 AND p.status <> $3
          AND ($4::timestamptz IS NULL OR (p.created_at, p.id) > ($4::timestamptz, $5::uuid))
        ORDER BY p.created_at, p.id
        LIMIT $6`,
      [query.status ?? OcopStatus.Pending, DocumentKind.OcopCertificate, ProductStatus.Archived, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (last) => [last.position, last.id]);
    return { items: page.items.map(toClaimDto), nextCursor: page.nextCursor };
  }

  /** By an official who is not a member of the product's cooperative; the product as its owner sees it. */
  async decide(official: AuthUser, productId: string, verdict: OcopVerdict, reason: string | null): Promise<ProductDto> {
    await this.db.transaction(async (manager) => {
      let cooperative: { name: string; email: string; phone: string } | undefined;
      const product = await this.products.requireProduct(official, productId, 'read', manager, (granted) => {
        // An official who belongs to the cooperative does not check its claims.
        if (granted.role !== null) throw AppException.forbidden();
        cooperative = granted.cooperative;
      });
      if (product.ocopStatus === null) throw catalogError('OCOP_CLAIM_MISSING', { details: [{ field: 'ocop', key: 'validation.ocopClaimMissing' }] });
      const to = verdict === 'verify' ? OcopStatus.Verified : OcopStatus.Rejected;
      if (product.ocopStatus === to) throw AppException.wrongState(product.ocopStatus, { field: 'ocop.status' });
      await manager
        .getRepository(Product)
        .update(
          { id: productId },
          { ocopStatus: to, ocopVerifiedBy: official.id, ocopVerifiedAt: new Date(), ocopRejectionReason: verdict === 'reject' ? reason : null },
        );
      await this.audit.record(
        {
          actor: official,
          action: `product.ocop.${verdict}`,
          entityType: 'product',
          entityId: productId,
          cooperativeId: product.cooperativeId,
          data: { from: product.ocopStatus, to, stars: product.ocopStars, certificateNumber: product.ocopCertificateNumber, ...(reason ? { reason } : {}) },
        },
        manager,
      );
      // The cooperative's admins hear the verdict (a rejection with its reason), like their own review.
      const data = { cooperativeName: cooperative!.name, productId, productName: product.name, stars: product.ocopStars, ...(reason ? { reason } : {}) };
      const template = `product.ocop.${verdict === 'verify' ? 'verified' : 'rejected'}`;
      const admins = await this.audience.cooperative(product.cooperativeId, 'admins', manager);
      await this.outbox.notify(admins, template, data, { eventKey: `${template}:${productId}:${Date.now()}`, cooperativeId: product.cooperativeId }, manager);
    });
    return this.products.load(productId);
  }
}

function toClaimDto(r: ClaimRow): OcopClaimDto {
  return {
    productId: r.id,
    productName: r.name,
    cooperative: { id: r.cooperative_id, name: r.cooperative_name },
    stars: r.ocop_stars,
    certificateNumber: r.ocop_certificate_number,
    issuedAt: r.ocop_issued_at,
    expiresAt: r.ocop_expires_at,
    status: r.ocop_status,
    ...(r.ocop_rejection_reason !== null ? { rejectionReason: r.ocop_rejection_reason } : {}),
    ...(r.document_id !== null ? { certificateDocument: { id: r.document_id, kind: r.document_kind!, fileName: r.document_file_name! } } : {}),
  };
}
