import { randomUUID } from 'node:crypto';
import { insertMany, toFieldIssues, type JobIssue } from '@nongsan/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { In, QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { ProductChange } from '../events/product-events.js';
import { CreateProductDto } from '../products/product.dto.js';
import { Product, ProductStatus, Variant } from '../products/product.entities.js';
import { ocopColumns, uniqueSlugs } from '../products/product-columns.js';
import type { ProductsService } from '../products/products.service.js';
import { columnOfPath, IMPORT_COLUMNS, sameCell, toProductInput, type ColumnKey, type SheetLayout } from './import-columns.js';
import type { SheetRow } from './spreadsheet.js';

export interface ImportContext {
  db: DataSource;
  products: ProductsService;
  cooperativeId: string;
  layout: SheetLayout;
  /** A category id from what the user wrote: the id itself, or its Vietnamese or English name. */
  categoryId: (text: string) => string;
  categories: ReadonlySet<string>;
  wards: ReadonlySet<string>;
}

/** What happened to each saved row. */
export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

interface CheckedRow {
  row: number;
  group: string;
  /** The row as a product with exactly one variant. */
  input: CreateProductDto;
}

/** A product key's first accepted row: the others must agree with its product columns. */
interface Group {
  row: number;
  cells: Map<ColumnKey, string>;
}

interface Written {
  outcomes: Array<keyof ImportTally>;
  issues: JobIssue[];
  claims: Map<string, string>;
}

type Ranked = JobIssue & { column: ColumnKey; rank: number };

const PRODUCT_COLUMNS = IMPORT_COLUMNS.filter((c) => c.product);
const VARIANT_FIELDS = ['sku', 'name', 'price', 'weightGrams', 'stock'] as const;
const RANGE_RULES = new Set([
  'validation.min',
  'validation.max',
  'validation.minLength',
  'validation.maxLength',
  'validation.arrayMinSize',
  'validation.arrayMaxSize',
]);

/**
 * One run of a product import: checks rows with the API's own rules and upserts them by SKU, a
 * batch per transaction. Remembers across batches which product each product key became, so a
 * product's rows may be anywhere in the file.
 */
export class ImportRun {
  done = 0;
  failed = 0;
  readonly tally: ImportTally = { created: 0, updated: 0, unchanged: 0 };
  private readonly groups = new Map<string, Group>();
  private readonly skuRows = new Map<string, number>();
  private readonly productOfGroup = new Map<string, string>();
  private readonly groupOfProduct = new Map<string, string>();

  constructor(private readonly context: ImportContext) {}

  /** Checks and saves one batch of rows; returns their problems. */
  async apply(rows: SheetRow[]): Promise<JobIssue[]> {
    const issues: JobIssue[] = [];
    const accepted: CheckedRow[] = [];
    for (const row of rows) {
      const checked = await this.check(row);
      if (Array.isArray(checked)) {
        issues.push(...checked);
        this.failed += 1;
      } else {
        accepted.push(checked);
      }
    }
    return [...issues, ...(await this.save(accepted))];
  }

  private async save(rows: CheckedRow[]): Promise<JobIssue[]> {
    if (rows.length === 0) return [];
    try {
      return this.settle(await this.context.db.transaction((manager) => this.write(manager, rows)));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // Someone took one of these SKUs or slugs meanwhile (an API call, another import): redo the
    // batch row by row, reading afresh, so only a row that still collides is refused.
    const issues: JobIssue[] = [];
    for (const row of rows) {
      try {
        issues.push(...this.settle(await this.context.db.transaction((manager) => this.write(manager, [row]))));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const sku = row.input.variants[0].sku;
        issues.push({ row: row.row, field: this.context.layout.header('sku'), key: 'validation.skuTaken', params: { sku } });
        this.failed += 1;
      }
    }
    return issues;
  }

  /** Takes in what a committed transaction did. */
  private settle(written: Written): JobIssue[] {
    for (const [group, productId] of written.claims) {
      this.productOfGroup.set(group, productId);
      this.groupOfProduct.set(productId, group);
    }
    for (const outcome of written.outcomes) this.tally[outcome] += 1;
    this.done += written.outcomes.length;
    this.failed += written.issues.length;
    return written.issues;
  }

  /** The API's rules (CreateProductDto, known category and ward, OCOP dates in order) plus the file's own: SKUs once, one product per key. */
  private async check(sheetRow: SheetRow): Promise<CheckedRow | JobIssue[]> {
    const { layout, categoryId } = this.context;
    const { row } = sheetRow;
    const cells = layout.cells(sheetRow.cells);
    const productKey = cells.get('productKey');
    const group = productKey ? `key:${productKey.toUpperCase()}` : `row:${row}`;
    const issues: Ranked[] = [];
    const issue = (column: ColumnKey, key: string, params?: Record<string, unknown>, rank = 0) =>
      issues.push({ row, field: layout.header(column), key, params, column, rank });

    // Later rows of a product may leave its columns blank; filled ones must agree with its first row.
    const first = this.groups.get(group);
    if (first) {
      for (const { key } of PRODUCT_COLUMNS.filter((c) => layout.has(c.key))) {
        const mine = cells.get(key)!;
        const theirs = first.cells.get(key)!;
        if (mine === '') cells.set(key, theirs);
        else if (!sameCell(key, mine, theirs, categoryId)) issue(key, 'validation.importProductMismatch', { row: first.row });
      }
    }

    const input = plainToInstance(CreateProductDto, toProductInput(cells, categoryId));
    for (const found of toFieldIssues(await validate(input))) {
      // Every path the row can produce has its column; were one missing, the SKU still names the row's variant.
      issue(columnOfPath(found.field) ?? 'sku', found.key, found.params, RANGE_RULES.has(found.key) ? 2 : 1);
    }
    if (input.categoryId && !this.context.categories.has(input.categoryId)) issue('category', 'validation.categoryUnknown');
    if (input.originWardCode && !this.context.wards.has(input.originWardCode)) issue('ward', 'validation.wardUnknown');
    const ocop = input.ocop;
    if (ocop && isDate(ocop.issuedAt) && isDate(ocop.expiresAt) && ocop.expiresAt <= ocop.issuedAt) issue('ocopExpiresAt', 'validation.expiresBeforeIssue');
    const sku = input.variants[0].sku;
    const skuRow = typeof sku === 'string' ? this.skuRows.get(sku.toUpperCase()) : undefined;
    if (skuRow !== undefined) issue('sku', 'validation.importSkuRepeated', { sku, row: skuRow });

    if (issues.length > 0) return firstPerColumn(issues);
    this.skuRows.set(sku.toUpperCase(), row);
    if (!first) this.groups.set(group, { row, cells: new Map(PRODUCT_COLUMNS.map(({ key }) => [key, cells.get(key) ?? ''])) });
    return { row, group, input };
  }

  /** Upserts the rows by SKU; writes only what differs, and announces each product it changed. */
  private async write(manager: EntityManager, rows: CheckedRow[]): Promise<Written> {
    const { cooperativeId, layout } = this.context;
    const written: Written = { outcomes: [], issues: [], claims: new Map() };
    const claimedBy = new Map<string, string>();
    const productOf = (group: string) => written.claims.get(group) ?? this.productOfGroup.get(group);
    const groupOf = (productId: string) => claimedBy.get(productId) ?? this.groupOfProduct.get(productId);
    const claim = (group: string, productId: string) => {
      written.claims.set(group, productId);
      claimedBy.set(productId, group);
    };

    const existing = await manager
      .getRepository(Variant)
      .createQueryBuilder('v')
      .where('v.cooperative_id = :cooperativeId', { cooperativeId })
      .andWhere('upper(v.sku) = ANY(:skus)', { skus: rows.map((r) => r.input.variants[0].sku.toUpperCase()) })
      .getMany();
    const variantOf = new Map(existing.map((v) => [v.sku.toUpperCase(), v]));
    // A product key seen for the first time is the product that any of its SKUs already belongs to.
    const compare = new Set<string>();
    for (const r of rows) {
      const variant = variantOf.get(r.input.variants[0].sku.toUpperCase());
      if (variant && !productOf(r.group) && !groupOf(variant.productId)) {
        claim(r.group, variant.productId);
        compare.add(r.group);
      }
    }
    const knownIds = [...new Set([...existing.map((v) => v.productId), ...rows.map((r) => productOf(r.group)).filter((id) => id !== undefined)])];
    const known = new Map(
      (knownIds.length > 0 ? await manager.getRepository(Product).find({ where: { id: In(knownIds) }, lock: { mode: 'pessimistic_write' } }) : []).map((p) => [
        p.id,
        p,
      ]),
    );

    const created = new Map<string, CheckedRow>();
    const changed = new Map<string, { columns: Partial<Product>; changes: Set<ProductChange>; variantIds: string[] }>();
    const touch = (productId: string) => changed.get(productId) ?? changed.set(productId, { columns: {}, changes: new Set(), variantIds: [] }).get(productId)!;
    const newVariants: Array<Pick<Variant, 'id' | 'productId' | 'sku' | 'name' | 'price' | 'weightGrams' | 'stock'>> = [];
    const variantUpdates: Array<{ id: string; columns: Partial<Variant> }> = [];

    for (const r of rows) {
      const input = r.input.variants[0];
      const variant = variantOf.get(input.sku.toUpperCase());
      let productId = productOf(r.group);
      if (variant && variant.productId !== productId) {
        // Another row's product (say which), or a product this file does not mention.
        const owner = this.groups.get(groupOf(variant.productId) ?? '')?.row;
        const key = owner === undefined ? 'validation.skuTaken' : 'validation.importSkuOtherProduct';
        written.issues.push({ row: r.row, field: layout.header('sku'), key, params: { sku: input.sku, row: owner } });
        continue;
      }
      let outcome: keyof ImportTally = 'unchanged';
      if (!productId) {
        productId = randomUUID();
        claim(r.group, productId);
        created.set(productId, r);
      } else if (compare.delete(r.group)) {
        const product = known.get(productId)!;
        const columns = differences(product, this.productColumns(r.input, product));
        if (Object.keys(columns).length > 0) {
          const change = touch(productId);
          change.columns = columns;
          change.changes.add('details');
          outcome = 'updated';
        }
      }
      if (!variant) {
        const id = randomUUID();
        newVariants.push({ id, productId, sku: input.sku, name: input.name, price: input.price, weightGrams: input.weightGrams, stock: input.stock });
        const change = touch(productId);
        change.variantIds.push(id);
        change.changes.add('price').add('stock');
        written.outcomes.push('created');
        continue;
      }
      const columns = differences(variant, Object.fromEntries(VARIANT_FIELDS.map((f) => [f, input[f]])) as Partial<Variant>);
      if (Object.keys(columns).length > 0) {
        variantUpdates.push({ id: variant.id, columns });
        const change = touch(productId);
        if ('price' in columns) change.changes.add('price');
        if ('stock' in columns) change.changes.add('stock');
        if ('sku' in columns || 'name' in columns || 'weightGrams' in columns) change.changes.add('details');
        if ('price' in columns || 'stock' in columns) change.variantIds.push(variant.id);
        outcome = 'updated';
      }
      written.outcomes.push(outcome);
    }

    await this.insertProducts(manager, created, newVariants);
    const positions = await nextPositions(
      manager,
      newVariants.map((v) => v.productId).filter((id) => !created.has(id)),
    );
    if (newVariants.length > 0) {
      await insertMany(
        manager,
        Variant,
        newVariants.map((v) => {
          const position = positions.get(v.productId) ?? 0;
          positions.set(v.productId, position + 1);
          return { ...v, cooperativeId, position };
        }),
      );
    }
    for (const { id, columns } of variantUpdates) await manager.getRepository(Variant).update({ id }, columns);

    const updatedIds = [...changed.keys()].filter((id) => !created.has(id));
    const minPrices = await lowestPrices(manager, updatedIds);
    for (const id of updatedIds) await manager.getRepository(Product).update({ id }, { ...changed.get(id)!.columns, minPrice: minPrices.get(id) });
    await this.context.products.announceMany(
      manager,
      [...changed].map(([id, change]) => ({
        product: { id, cooperativeId },
        changes: created.has(id) ? ['created'] : [...change.changes],
        variantIds: change.variantIds,
      })),
    );
    return written;
  }

  private async insertProducts(manager: EntityManager, created: Map<string, CheckedRow>, variants: Array<Pick<Variant, 'productId' | 'price'>>): Promise<void> {
    if (created.size === 0) return;
    const slugs = await uniqueSlugs(
      manager,
      [...created.values()].map((r) => r.input.name),
    );
    await insertMany(
      manager,
      Product,
      [...created].map(([id, r], index) => ({
        id,
        cooperativeId: this.context.cooperativeId,
        slug: slugs[index],
        status: ProductStatus.Draft,
        publishedAt: null,
        minPrice: Math.min(...variants.filter((v) => v.productId === id).map((v) => v.price)),
        ...this.productColumns(r.input, null),
      })),
    );
  }

  /** A new product (`current` null) gets every column; an existing one only those the file has (a missing column changes nothing). */
  private productColumns(input: CreateProductDto, current: Product | null): Partial<Product> {
    const creating = current === null;
    const has = (key: ColumnKey) => creating || this.context.layout.has(key);
    const ocop = input.ocop ?? null;
    return {
      name: input.name,
      categoryId: input.categoryId,
      originWardCode: input.originWardCode,
      unit: input.unit,
      ...(has('description') ? { description: input.description } : {}),
      ...(creating || this.context.layout.hasOcop ? ocopColumns(ocop, current) : {}),
      ...(has('harvestMonths') ? { harvestMonths: [...(input.harvestMonths ?? [])].sort((a, b) => a - b) } : {}),
      ...(has('shelfLifeDays') ? { shelfLifeDays: input.shelfLifeDays ?? null } : {}),
    };
  }
}

/** The entries of `wanted` that differ from `current`. */
function differences<T extends object>(current: T, wanted: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => JSON.stringify(current[key as keyof T]) !== JSON.stringify(value))) as Partial<T>;
}

async function nextPositions(manager: EntityManager, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await manager.query<Array<{ product_id: string; next: number }>>(
    `SELECT product_id, max(position)::int + 1 AS next FROM variants WHERE product_id = ANY($1) GROUP BY product_id`,
    [[...new Set(productIds)]],
  );
  return new Map(rows.map((r) => [r.product_id, r.next]));
}

async function lowestPrices(manager: EntityManager, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await manager.query<Array<{ product_id: string; min: string }>>(
    `SELECT product_id, min(price) AS min FROM variants WHERE product_id = ANY($1) GROUP BY product_id`,
    [productIds],
  );
  return new Map(rows.map((r) => [r.product_id, Number(r.min)]));
}

/** One problem per cell, the most telling: the file's own rules, then the kind of value, then its range. */
function firstPerColumn(issues: Ranked[]): JobIssue[] {
  const best = new Map<ColumnKey, Ranked>();
  for (const found of issues) if (!best.has(found.column) || found.rank < best.get(found.column)!.rank) best.set(found.column, found);
  const order = (column: ColumnKey) => IMPORT_COLUMNS.findIndex((c) => c.key === column);
  return [...best.values()].sort((a, b) => order(a.column) - order(b.column)).map(({ column: _column, rank: _rank, ...found }) => found);
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

const isUniqueViolation = (error: unknown) => error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
