import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, isTimePosition, toPage } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import type { AwaitingTransferDto, AwaitingTransferPageDto, CollectorCheckoutQueryDto } from './awaiting-transfers.dto.js';

interface Row {
  id: string;
  reference: string;
  amount_due: string;
  created_at: Date;
  buyer_id: string;
  full_name: string;
  email: string;
  phone: string | null;
  due_at: Date | null;
  cooperatives: Array<{ id: string; name: string; total: number }>;
}

/** The VietQR checkouts whose transfer the collector has not seen yet, for confirming by hand. */
@Injectable()
export class AwaitingTransfersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: CollectorCheckoutQueryDto): Promise<AwaitingTransferPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const rows = await this.db.query<Row[]>(
      `SELECT c.id, c.payment_reference AS reference, p.amount AS amount_due, c.created_at,
              u.id AS buyer_id, u.full_name, u.email, u.phone,
              (SELECT min(o.payment_due_at) FROM orders o WHERE o.checkout_id = c.id) AS due_at,
              (SELECT json_agg(json_build_object('id', co.id, 'name', co.name, 'total', o.total) ORDER BY o.position)
                 FROM orders o JOIN cooperatives co ON co.id = o.cooperative_id WHERE o.checkout_id = c.id) AS cooperatives
         FROM payments p
         JOIN checkouts c ON c.id = p.checkout_id
         JOIN users u ON u.id = c.buyer_id
        WHERE p.provider = 'vietqr' AND p.status = 'pending'
          AND ($2::timestamptz IS NULL OR (c.created_at, c.id) < ($2::timestamptz, $3::uuid))
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $1`,
      [limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    const page = toPage(rows, limit, (last) => [last.created_at.toISOString(), last.id]);
    return { items: page.items.map(awaitingTransferView), nextCursor: page.nextCursor };
  }
}

function awaitingTransferView(r: Row): AwaitingTransferDto {
  return {
    id: r.id,
    reference: r.reference,
    amountDue: Number(r.amount_due),
    buyer: { id: r.buyer_id, fullName: r.full_name, email: r.email, phone: r.phone },
    cooperatives: (r.cooperatives ?? []).map((c) => ({ id: c.id, name: c.name, total: Number(c.total) })),
    createdAt: r.created_at.toISOString(),
    dueAt: r.due_at?.toISOString() ?? null,
  };
}
