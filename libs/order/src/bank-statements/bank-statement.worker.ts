import { buffer } from 'node:stream/consumers';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, JobsService, JobStatus, ObjectStorage, QueueService } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { Payment } from '../orders/order.entities.js';
import { OrdersService } from '../orders/orders.service.js';
import type { Refund } from '../refunds/refund.entity.js';
import { RefundsService } from '../refunds/refunds.service.js';
import { BankStatement, BankStatementLine, type StatementLineStatus } from './bank-statement.entities.js';
import { referencesIn } from './statement-columns.js';
import { findHeader, readStatement, type StatementLine } from './statement-reader.js';

export const STATEMENT_JOB = 'order.bank-statement';

export interface StatementMessage {
  statementId: string;
}

/** Lines per progress report. */
const REPORT_EVERY = 50;

/**
 * Reads a bank statement line by line, each in its own short transaction: a line whose description
 * carries a checkout's reference and whose amount is what the checkout still wants pays it, as a
 * confirmation by hand would. The same bank line (its fingerprint) counts once, in whichever file
 * it comes first; a rerun of the job skips the rows it already read.
 */
@Injectable()
export class BankStatementWorker implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly jobs: JobsService,
    private readonly storage: ObjectStorage,
    private readonly orders: OrdersService,
    private readonly refunds: RefundsService,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(STATEMENT_JOB, { retryLimit: 2, notify: true });
    this.queue.work<StatementMessage>(STATEMENT_JOB, (message) => this.run(message.statementId));
  }

  async run(statementId: string): Promise<void> {
    const statement = await this.db.getRepository(BankStatement).findOneBy({ id: statementId });
    const job = statement ? await this.jobs.get(statement.jobId) : null;
    // Delivery is at least once: a statement already read has nothing left to do.
    if (!statement || !job || job.status === JobStatus.Completed || job.status === JobStatus.Failed) return;
    const stored = await this.storage.get(statement.storageKey);
    if (!stored) throw new Error(`statement file ${statement.storageKey} is missing`);
    const bytes = await buffer(stored.body);
    const format = statement.storageKey.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const read = await findHeader(format, bytes)
      .then(async (header) => ('missing' in header ? header : readStatement(format, bytes, header)))
      .catch(() => ({ missing: [{ field: 'file', key: 'validation.statementUnreadable' }] }));
    if ('missing' in read)
      return this.jobs.fail(
        job.id,
        read.missing.map((m) => ({ row: null, field: m.field, key: m.key })),
      );
    const { lines, issues } = read;
    await this.jobs.start(job.id, lines.length + issues.length);
    const seen = new Set((await this.db.getRepository(BankStatementLine).find({ where: { statementId }, select: { row: true } })).map((l) => l.row));
    let done = 0;
    for (const line of lines) {
      if (!seen.has(line.row)) await this.match(statementId, line);
      if (++done % REPORT_EVERY === 0) await this.jobs.progress(job.id, { done, failed: 0 });
    }
    await this.jobs.progress(job.id, { done, failed: issues.length, issues });
    const [counts] = await this.db.query<Array<Record<StatementLineStatus, number>>>(
      `SELECT ${['matched', 'short', 'over', 'unmatched', 'duplicate'].map((s) => `count(*) FILTER (WHERE status = '${s}')::int AS ${s}`).join(', ')} FROM bank_statement_lines WHERE statement_id = $1`,
      [statementId],
    );
    await this.jobs.finish(job.id, counts);
  }

  /**
   * One line, in one transaction holding the checkout's payment lock (taken before anything else,
   * as everywhere money moves): a buyer cancelling at the same moment waits, or is waited for.
   */
  private async match(statementId: string, line: StatementLine): Promise<void> {
    const owed = await this.db.transaction(async (manager): Promise<Refund[]> => {
      const [checkout] = await manager.query<Array<{ id: string; total: string }>>(
        `SELECT id, total FROM checkouts WHERE payment_reference = ANY($1) ORDER BY created_at LIMIT 1`,
        [referencesIn(line.description)],
      );
      const payment = checkout
        ? await manager.getRepository(Payment).findOne({ where: { checkoutId: checkout.id }, lock: { mode: 'pessimistic_write' } })
        : null;
      const values = {
        statementId,
        row: line.row,
        bookedOn: line.bookedOn,
        amount: line.amount,
        description: line.description,
        bankReference: line.bankReference,
        fingerprint: line.fingerprint,
      };
      const fresh = await manager
        .createQueryBuilder()
        .insert()
        .into(BankStatementLine)
        .values({ ...values, status: 'unmatched', checkoutId: checkout?.id ?? null })
        .orIgnore()
        .returning('id')
        .execute();
      if (fresh.raw.length === 0) {
        await manager.getRepository(BankStatementLine).insert({ ...values, status: 'duplicate', checkoutId: checkout?.id ?? null });
        return [];
      }
      const lineId = (fresh.raw as Array<{ id: string }>)[0].id;
      if (!checkout || payment?.provider !== 'vietqr') return [];
      // Money beyond what is due: a second transfer for a checkout an earlier line already paid.
      const [earlier] = await manager.query<unknown[]>(`SELECT 1 FROM bank_statement_lines WHERE checkout_id = $1 AND status = 'matched' LIMIT 1`, [
        checkout.id,
      ]);
      const due = earlier ? 0 : Number(checkout.total);
      const status: StatementLineStatus = line.amount === due ? 'matched' : line.amount < due ? 'short' : 'over';
      await manager.getRepository(BankStatementLine).update({ id: lineId }, { status, amountDue: due });
      // A checkout confirmed by hand before its statement came is reconciled, not paid twice.
      if (status !== 'matched' || (payment.status !== 'pending' && payment.status !== 'cancelled')) return [];
      const refunds = await this.orders.settlePayment(manager, payment, null, line.bankReference);
      await this.audit.record(
        {
          actor: null,
          action: payment.status === 'cancelled' ? 'payment.received_late' : 'payment.received',
          entityType: 'checkout',
          entityId: checkout.id,
          data: { amount: line.amount, statementId, row: line.row, reference: line.bankReference },
        },
        manager,
      );
      return refunds;
    });
    await this.refunds.send(owed);
  }
}
