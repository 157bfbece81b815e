import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { spreadsheetFormat, XLSX_MIME } from '@nongsan/catalog';
import {
  AppException,
  AuditService,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  isTimePosition,
  JobsService,
  ObjectStorage,
  QueueService,
  toPage,
  type AuthUser,
  type PageQueryDto,
  type UploadedFile,
} from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { BankStatement, BankStatementLine } from './bank-statement.entities.js';
import type { StatementAcceptedDto, StatementDto, StatementPageDto, StatementQueryDto } from './bank-statements.dto.js';
import { LINE_STATUSES } from './bank-statements.dto.js';
import { findHeader } from './statement-reader.js';
import { STATEMENT_JOB, type StatementMessage } from './bank-statement.worker.js';

export const STATEMENT_MAX_BYTES = 10 * 1024 * 1024;
const isRowPosition = (value: unknown): value is [number] => Array.isArray(value) && value.length === 1 && Number.isInteger(value[0]);

/**
 * The collector's bank statements: an export of the account VietQR transfers go to is uploaded,
 * checked for its columns at once, and read by a job (BankStatementWorker) that matches each credit
 * line to a checkout by the transfer reference in its description.
 */
@Injectable()
export class BankStatementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly jobs: JobsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  /** A file whose date, credit or description column cannot be found is refused now, naming the column. */
  async upload(user: AuthUser, file: UploadedFile): Promise<StatementAcceptedDto> {
    const format = await spreadsheetFormat(file);
    // A file that only looks like a spreadsheet (broken quoting, a damaged workbook) is the sender's to fix.
    const header = await findHeader(format, file.buffer).catch(() => ({ missing: [{ field: 'file', key: 'validation.statementUnreadable' }] }));
    if ('missing' in header) throw AppException.validation(header.missing);
    const statementId = randomUUID();
    const jobId = randomUUID();
    const storageKey = `private/bank-statements/${statementId}.${format}` as const;
    await this.storage.put(storageKey, file.buffer, { contentType: format === 'xlsx' ? XLSX_MIME : 'text/csv; charset=utf-8' });
    try {
      await this.db.transaction(async (manager) => {
        await this.jobs.create({ id: jobId, kind: STATEMENT_JOB, createdBy: user.id }, manager);
        await manager.getRepository(BankStatement).insert({ id: statementId, jobId, fileName: file.originalName, storageKey, uploadedBy: user.id });
        await this.audit.record(
          {
            actor: user,
            action: 'bank_statement.import',
            entityType: 'bank_statement',
            entityId: statementId,
            data: { fileName: file.originalName, bytes: file.size },
          },
          manager,
        );
        await this.queue.send<StatementMessage>(STATEMENT_JOB, { statementId }, { manager });
      });
    } catch (error) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
    return { jobId, statementId };
  }

  /** Past statements, newest first, each with its reading job's state and what its lines were found to be. */
  async list(query: PageQueryDto): Promise<StatementPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(BankStatement).createQueryBuilder('s');
    if (after) qb.where('(s.created_at, s.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    const ids = page.items.map((s) => s.id);
    const [counted, jobs] = await Promise.all([
      this.db.query<Array<{ statement_id: string; status: string; n: number }>>(
        `SELECT statement_id, status, count(*)::int AS n FROM bank_statement_lines WHERE statement_id = ANY($1) GROUP BY statement_id, status`,
        [ids],
      ),
      Promise.all(page.items.map((s) => this.jobs.get(s.jobId))),
    ]);
    return {
      items: page.items.map((s, i) => ({
        id: s.id,
        fileName: s.fileName,
        jobId: s.jobId,
        status: jobs[i]!.status,
        counts: countsOf(counted.filter((c) => c.statement_id === s.id)),
        createdAt: s.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  async view(statementId: string, query: StatementQueryDto): Promise<StatementDto> {
    const statement = await this.db.getRepository(BankStatement).findOneBy({ id: statementId });
    if (!statement) throw AppException.notFound('bankStatement');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isRowPosition);
    const qb = this.db.getRepository(BankStatementLine).createQueryBuilder('l').where('l.statement_id = :statementId', { statementId });
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (after) qb.andWhere('l.row > :row', { row: after[0] });
    const [rows, counted, job] = await Promise.all([
      qb
        .orderBy('l.row', 'ASC')
        .take(limit + 1)
        .getMany(),
      this.db.query<Array<{ status: string; n: number }>>(
        `SELECT status, count(*)::int AS n FROM bank_statement_lines WHERE statement_id = $1 GROUP BY status`,
        [statementId],
      ),
      this.jobs.get(statement.jobId),
    ]);
    const page = toPage(rows, limit, (last) => [last.row]);
    const checkoutIds = [...new Set(page.items.flatMap((l) => (l.checkoutId ? [l.checkoutId] : [])))];
    const references = new Map(
      (
        await this.db.query<Array<{ id: string; payment_reference: string }>>(`SELECT id, payment_reference FROM checkouts WHERE id = ANY($1)`, [checkoutIds])
      ).map((c) => [c.id, c.payment_reference]),
    );
    const counts = countsOf(counted);
    return {
      id: statement.id,
      fileName: statement.fileName,
      jobId: statement.jobId,
      status: job!.status,
      counts,
      lines: {
        items: page.items.map((l) => ({
          row: l.row,
          date: l.bookedOn,
          amount: l.amount,
          description: l.description,
          bankReference: l.bankReference,
          status: l.status,
          checkoutId: l.checkoutId,
          checkoutReference: l.checkoutId ? (references.get(l.checkoutId) ?? null) : null,
          amountDue: l.amountDue,
        })),
        nextCursor: page.nextCursor,
      },
      createdAt: statement.createdAt.toISOString(),
    };
  }
}

function countsOf(counted: Array<{ status: string; n: number }>): StatementDto['counts'] {
  return Object.fromEntries(LINE_STATUSES.map((s) => [s, counted.find((c) => c.status === s)?.n ?? 0])) as unknown as StatementDto['counts'];
}
