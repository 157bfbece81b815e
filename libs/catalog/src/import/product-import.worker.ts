import { buffer } from 'node:stream/consumers';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, JobsService, JobStatus, ObjectStorage, QueueService, type Job, type ObjectKey } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CategoriesService } from '../categories/categories.js';
import { ProductsService } from '../products/products.service.js';
import { normalizeLabel, SheetLayout } from './import-columns.js';
import { ImportRun } from './import-run.js';
import { readRows, XLSX_UNPACKED_MAX_BYTES, zipUnpackedBytes, type SheetRow, type SpreadsheetFormat } from './spreadsheet.js';

/** The queue, and the kind of the jobs it runs. */
export const IMPORT_JOB = 'catalog.import';

export interface ImportMessage {
  jobId: string;
  file: ObjectKey;
}

/**
 * Rows per transaction and per progress report: at ~2,500 rows/s a report every ~0.2 s, and a
 * batch's fixed cost (its lookups, inserts and progress) spread over more rows than at 200 (bench/import.mjs).
 */
const BATCH_ROWS = 500;
/** A rerun starts over, which upserting by SKU makes harmless; a file that cannot be read is not rerun. */
const IMPORT_RETRIES = 2;

/** Runs queued product imports (RUN_WORKER processes only). */
@Injectable()
export class ProductImportWorker implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly jobs: JobsService,
    private readonly storage: ObjectStorage,
    private readonly products: ProductsService,
    private readonly categories: CategoriesService,
    private readonly units: AdminUnitsService,
  ) {}

  async onModuleInit(): Promise<void> {
    // The seller watches the progress bar from the moment of the upload: woken at once, not at the next 2 s poll.
    await this.queue.defineQueue(IMPORT_JOB, { retryLimit: IMPORT_RETRIES, notify: true });
    this.queue.work<ImportMessage>(IMPORT_JOB, (message, job) => this.run(message, job.retryCount, job.signal));
  }

  async run({ jobId, file }: ImportMessage, attempt: number, signal: AbortSignal): Promise<void> {
    const job = await this.jobs.get(jobId);
    // Delivery is at least once: a job already settled has nothing left to do.
    if (!job || job.status === JobStatus.Completed || job.status === JobStatus.Failed) return;
    try {
      await this.import(job, file, signal);
    } catch (error) {
      if (attempt >= IMPORT_RETRIES) await this.jobs.fail(jobId, [{ row: null, field: 'file', key: 'validation.importInterrupted' }]);
      throw error;
    }
  }

  private async import(job: Job, file: ObjectKey, signal: AbortSignal): Promise<void> {
    const stored = await this.storage.get(file);
    if (!stored) throw new Error(`import file ${file} is missing`);
    const bytes = await buffer(stored.body);
    const format: SpreadsheetFormat = file.endsWith('.xlsx') ? 'xlsx' : 'csv';
    // Before exceljs inflates anything: a zip bomb fails the job instead of the process.
    const unpacked = format === 'xlsx' ? await zipUnpackedBytes(bytes, XLSX_UNPACKED_MAX_BYTES) : 0;
    if (unpacked === undefined) return this.jobs.fail(job.id, [{ row: null, field: 'file', key: 'validation.importUnreadable' }]);
    if (unpacked > XLSX_UNPACKED_MAX_BYTES) {
      return this.jobs.fail(job.id, [
        { row: null, field: 'file', key: 'validation.importTooLargeUnpacked', params: { max: XLSX_UNPACKED_MAX_BYTES / 1024 / 1024 } },
      ]);
    }
    // A first pass finds the header and counts the rows, so progress has a total from the start.
    const scan = await scanRows(format, bytes).catch(() => undefined);
    if (!scan) return this.jobs.fail(job.id, [{ row: null, field: 'file', key: 'validation.importUnreadable' }]);
    const { header, total } = scan;
    const { layout, missing } = SheetLayout.read(header?.cells ?? []);
    if (!header || missing.length > 0) {
      return this.jobs.fail(
        job.id,
        missing.map((column) => ({ row: header?.row ?? 1, field: column.header, key: 'validation.importColumnMissing' })),
      );
    }
    await this.jobs.start(job.id, total);

    const run = new ImportRun({ db: this.db, products: this.products, cooperativeId: job.cooperativeId!, layout, ...(await this.references()) });
    let batch: SheetRow[] = [];
    const flush = async () => {
      const issues = await run.apply(batch);
      batch = [];
      await this.jobs.progress(job.id, { done: run.done, failed: run.failed, issues });
      // Shutting down or lost the claim: stop here, the rerun picks it up.
      signal.throwIfAborted();
    };
    for await (const row of readRows(format, bytes)) {
      if (row.row <= header.row) continue;
      batch.push(row);
      if (batch.length === BATCH_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
    await this.jobs.finish(job.id, { ...run.tally });
  }

  /** Categories by id or name (either language, accents optional); ward codes of the province. */
  private async references() {
    const categories = await this.categories.list();
    const byLabel = new Map(categories.flatMap((c) => [c.id, c.name, c.nameEn].map((label) => [normalizeLabel(label), c.id] as const)));
    return {
      categoryId: (text: string) => byLabel.get(normalizeLabel(text)) ?? text,
      categories: new Set(categories.map((c) => c.id)),
      wards: new Set((await this.units.listWards()).map((w) => w.code)),
    };
  }
}

async function scanRows(format: SpreadsheetFormat, bytes: Buffer): Promise<{ header: SheetRow | undefined; total: number }> {
  let header: SheetRow | undefined;
  let total = 0;
  for await (const row of readRows(format, bytes)) {
    if (header) total += 1;
    else header = row;
  }
  return { header, total };
}
