import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, coreError, JobsService, ObjectStorage, QueueService, type AuthUser, type UploadedFile } from '@nongsan/core';
import { CooperativeAccess } from '@nongsan/seller';
import { fileTypeFromBuffer } from 'file-type';
import type { DataSource } from 'typeorm';
import { IMPORT_JOB, type ImportMessage } from './product-import.worker.js';
import { sniffSpreadsheet, type SpreadsheetFormat } from './spreadsheet.js';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CONTENT_TYPES: Record<SpreadsheetFormat, string> = { xlsx: XLSX_MIME, csv: 'text/csv; charset=utf-8' };

/** Takes a spreadsheet of products and queues its import; the work and its rules are ProductImportWorker's. */
@Injectable()
export class ProductImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly storage: ObjectStorage,
    private readonly jobs: JobsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  /** The file is kept under private/imports/ as the record of what was imported. */
  async enqueue(user: AuthUser, cooperativeId: string, file: UploadedFile): Promise<{ jobId: string }> {
    await this.access.require(user, cooperativeId, 'member');
    const format = await spreadsheetFormat(file);
    const jobId = randomUUID();
    const key = `private/imports/${jobId}.${format}` as const;
    await this.storage.put(key, file.buffer, { contentType: CONTENT_TYPES[format] });
    try {
      await this.db.transaction(async (manager) => {
        await this.jobs.create({ id: jobId, kind: IMPORT_JOB, cooperativeId, createdBy: user.id }, manager);
        await this.audit.record(
          { actor: user, action: 'product.import', entityType: 'job', entityId: jobId, cooperativeId, data: { fileName: file.originalName, bytes: file.size } },
          manager,
        );
        await this.queue.send<ImportMessage>(IMPORT_JOB, { jobId, file: key }, { manager });
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    return { jobId };
  }
}

/** By content, whatever the name: a ZIP must be an Excel workbook (not a .docx), text must not be a known format (a PDF). */
export async function spreadsheetFormat(file: UploadedFile): Promise<SpreadsheetFormat> {
  const format = sniffSpreadsheet(file.buffer);
  const known = format ? (await fileTypeFromBuffer(file.buffer))?.mime : undefined;
  if ((format === 'csv' && !known) || (format === 'xlsx' && known === XLSX_MIME)) return format;
  const accepted = '.xlsx, .csv (UTF-8)';
  throw coreError('UNSUPPORTED_FILE_TYPE', { params: { accepted }, details: [{ field: 'file', key: 'errors.UNSUPPORTED_FILE_TYPE', params: { accepted } }] });
}
