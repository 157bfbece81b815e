import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdminUnitsService,
  AppConfig,
  AppException,
  AuditService,
  currentStatus,
  decodeCursor,
  isTimePosition,
  DEFAULT_PAGE_SIZE,
  ObjectStorage,
  QueueService,
  retryOnUniqueViolation,
  toPage,
  type AuthUser,
  type FieldIssue,
  type Page,
} from '@nongsan/core';
import { CooperativeAccess, CooperativeStatus, type AccessLevel } from '@nongsan/seller';
import { In, QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { catalogError } from '../catalog.errors.js';
import { PRODUCT_CHANGED, type ProductChange, type ProductChangedEvent } from '../events/product-events.js';
import type {
  CreateProductDto,
  ProductDto,
  ProductListQueryDto,
  ProductSummaryDto,
  UpdateProductDto,
  VariantChangeInput,
  VariantInput,
} from './product.dto.js';
import { Category, Product, ProductCertification, ProductImage, ProductStatus, Variant } from './product.entities.js';
import { ocopColumns, uniqueSlugs } from './product-columns.js';
import { toProductDto } from './product.mapper.js';

/**
 * Products of a cooperative: members write drafts, admins publish and archive. Every change
 * publishes PRODUCT_CHANGED in its own transaction, so channels never miss or invent one.
 */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly units: AdminUnitsService,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, cooperativeId: string, input: CreateProductDto): Promise<ProductDto> {
    await this.access.require(user, cooperativeId, 'member');
    // Two products of the same name created at once both find its slug free: the loser reruns with a suffix.
    const id = await retryOnUniqueViolation('products_slug_key', () =>
      this.db.transaction(async (manager) => {
        await this.validate(manager, cooperativeId, input, []);
        const product = await manager.getRepository(Product).save({
          cooperativeId,
          slug: (await uniqueSlugs(manager, [input.name]))[0],
          name: input.name,
          description: input.description,
          categoryId: input.categoryId,
          originWardCode: input.originWardCode,
          unit: input.unit,
          status: ProductStatus.Draft,
          ...ocopColumns(input.ocop ?? null),
          harvestMonths: [...(input.harvestMonths ?? [])].sort((a, b) => a - b),
          shelfLifeDays: input.shelfLifeDays ?? null,
          minPrice: Math.min(...input.variants.map((v) => v.price)),
          publishedAt: null,
        });
        await this.replaceCertifications(manager, product.id, input.certifications ?? []);
        const variants = await manager.getRepository(Variant).save(
          input.variants.map((v, position) => ({
            productId: product.id,
            cooperativeId,
            sku: v.sku,
            name: v.name,
            price: v.price,
            weightGrams: v.weightGrams,
            stock: v.stock,
            position,
          })),
        );
        await this.audit.record(
          { actor: user, action: 'product.create', entityType: 'product', entityId: product.id, cooperativeId, data: { name: input.name } },
          manager,
        );
        await this.announce(
          manager,
          product,
          ['created'],
          variants.map((v) => v.id),
        );
        return product.id;
      }),
    ).catch(skuConflict);
    return this.load(id);
  }

  async get(user: AuthUser, productId: string): Promise<ProductDto> {
    await this.requireProduct(user, productId, 'read');
    return this.load(productId);
  }

  async listForCooperative(user: AuthUser, cooperativeId: string, query: ProductListQueryDto): Promise<Page<ProductSummaryDto>> {
    await this.access.require(user, cooperativeId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(Product).createQueryBuilder('p').where('p.cooperative_id = :cooperativeId', { cooperativeId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (after) qb.andWhere('(p.created_at, p.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    const variants = await this.db.getRepository(Variant).find({ where: { productId: In(page.items.map((p) => p.id)) }, order: { position: 'ASC' } });
    return {
      items: page.items.map((p) => {
        const {
          description: _d,
          certifications: _c,
          images: _i,
          ...summary
        } = toProductDto(p, { variants: variants.filter((v) => v.productId === p.id), certifications: [], images: [] }, this.storage);
        return summary;
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** Variants of products still offered or being prepared (not archived) at or below LOW_STOCK_THRESHOLD. The caller has checked access. */
  async countLowStockVariants(cooperativeId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM variants v JOIN products p ON p.id = v.product_id WHERE v.cooperative_id = $1 AND p.status <> $2 AND v.stock <= $3`,
      [cooperativeId, ProductStatus.Archived, this.config.catalog.lowStockThreshold],
    );
    return row.n;
  }

  /** Any subset of the create fields; a variant with an id is updated, one without is added. */
  async update(user: AuthUser, productId: string, input: UpdateProductDto): Promise<ProductDto> {
    await this.db
      .transaction(async (manager) => {
        const product = await this.requireProduct(user, productId, 'member', manager);
        const existing = await manager.getRepository(Variant).find({ where: { productId }, order: { position: 'ASC' } });
        await this.validate(manager, product.cooperativeId, input, existing);
        const changes = new Set<ProductChange>();
        const touchedVariants: string[] = [];

        const columns: Partial<Product> = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
          ...(input.originWardCode !== undefined ? { originWardCode: input.originWardCode } : {}),
          ...(input.unit !== undefined ? { unit: input.unit } : {}),
          ...(input.ocop !== undefined ? ocopColumns(input.ocop, product) : {}),
          ...(input.harvestMonths !== undefined ? { harvestMonths: [...input.harvestMonths].sort((a, b) => a - b) } : {}),
          ...(input.shelfLifeDays !== undefined ? { shelfLifeDays: input.shelfLifeDays } : {}),
        };
        if (Object.keys(columns).length > 0 || input.certifications !== undefined) changes.add('details');
        if (input.certifications !== undefined) await this.replaceCertifications(manager, productId, input.certifications);

        for (const v of input.variants ?? []) {
          const current = v.id ? existing.find((e) => e.id === v.id)! : undefined;
          if (!current) {
            // validate() made sure a new variant has every field.
            const added = await manager.getRepository(Variant).save({
              productId,
              cooperativeId: product.cooperativeId,
              ...variantColumns(v as VariantInput),
              position: existing.length + touchedVariants.length,
            });
            touchedVariants.push(added.id);
            changes.add('price').add('stock');
            continue;
          }
          // Only what the entry gives changes: `{id, stock}` is a stock count, nothing else.
          const given = givenColumns(v);
          const differs = (field: keyof VariantColumns) => given[field] !== undefined && given[field] !== current[field];
          if (differs('price')) changes.add('price');
          if (differs('stock')) changes.add('stock');
          if (differs('sku') || differs('name') || differs('weightGrams')) changes.add('details');
          if (Object.keys(given).length > 0) await manager.getRepository(Variant).update({ id: current.id }, given);
          if (differs('price') || differs('stock')) touchedVariants.push(current.id);
        }
        const prices = (await manager.getRepository(Variant).find({ where: { productId }, select: { price: true } })).map((v) => v.price);
        await manager.getRepository(Product).update({ id: productId }, { ...columns, minPrice: Math.min(...prices) });
        if (changes.size > 0) {
          await this.audit.record(
            {
              actor: user,
              action: 'product.update',
              entityType: 'product',
              entityId: productId,
              cooperativeId: product.cooperativeId,
              data: { changes: [...changes] },
            },
            manager,
          );
          await this.announce(manager, product, [...changes], touchedVariants);
        }
      })
      .catch(skuConflict);
    return this.load(productId);
  }

  /** Only an approved cooperative sells; a suspended one is hidden until reinstated. */
  async publish(user: AuthUser, productId: string): Promise<ProductDto> {
    await this.db.transaction(async (manager) => {
      const product = await this.requireProduct(user, productId, 'admin', manager, (granted) => {
        if (granted.cooperative.status !== CooperativeStatus.Approved) {
          throw catalogError('COOPERATIVE_NOT_APPROVED', currentStatus(granted.cooperative.status));
        }
      });
      if (product.status === ProductStatus.Active) return;
      // The first publication date stays: it orders "newest" and dates the onboarding step.
      await manager.getRepository(Product).update({ id: productId }, { status: ProductStatus.Active, publishedAt: product.publishedAt ?? new Date() });
      await this.audit.record(
        { actor: user, action: 'product.publish', entityType: 'product', entityId: productId, cooperativeId: product.cooperativeId },
        manager,
      );
      await this.announce(manager, product, ['published'], []);
    });
    return this.load(productId);
  }

  async archive(user: AuthUser, productId: string): Promise<ProductDto> {
    await this.db.transaction(async (manager) => {
      const product = await this.requireProduct(user, productId, 'admin', manager);
      if (product.status === ProductStatus.Archived) return;
      await manager.getRepository(Product).update({ id: productId }, { status: ProductStatus.Archived });
      await this.audit.record(
        { actor: user, action: 'product.archive', entityType: 'product', entityId: productId, cooperativeId: product.cooperativeId },
        manager,
      );
      await this.announce(manager, product, ['archived'], []);
    });
    return this.load(productId);
  }

  /** A draft that was never sold can go; anything published stays for the orders that name it (archive it). */
  async remove(user: AuthUser, productId: string): Promise<void> {
    const imageKeys = await this.db.transaction(async (manager) => {
      const product = await this.requireProduct(user, productId, 'member', manager);
      if (product.publishedAt !== null || product.status !== ProductStatus.Draft) {
        throw catalogError('PRODUCT_PUBLISHED_BEFORE', currentStatus(product.status));
      }
      const images = await manager.getRepository(ProductImage).findBy({ productId });
      await manager.getRepository(Product).delete({ id: productId });
      await this.audit.record(
        {
          actor: user,
          action: 'product.delete',
          entityType: 'product',
          entityId: productId,
          cooperativeId: product.cooperativeId,
          data: { name: product.name },
        },
        manager,
      );
      await this.announce(manager, product, ['deleted'], []);
      return images.flatMap((i) => Object.values(i.keys));
    });
    for (const key of imageKeys) await this.storage.delete(key);
  }

  /**
   * Loads a product for a caller allowed `level` on its cooperative; anyone else gets the same 404
   * as for a product that does not exist. Locks the row when given a transaction.
   */
  async requireProduct(
    user: AuthUser,
    productId: string,
    level: AccessLevel,
    manager?: EntityManager,
    check?: (granted: Awaited<ReturnType<CooperativeAccess['require']>>) => void,
  ): Promise<Product> {
    const repo = (manager ?? this.db.manager).getRepository(Product);
    const product = await repo.findOne({ where: { id: productId }, ...(manager ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!product) throw AppException.notFound('product');
    const granted = await this.access.require(user, product.cooperativeId, level, { manager, notFoundAs: 'product' });
    check?.(granted);
    return product;
  }

  async load(productId: string, manager: EntityManager = this.db.manager): Promise<ProductDto> {
    const product = await manager.getRepository(Product).findOneByOrFail({ id: productId });
    const [variants, certifications, images] = await Promise.all([
      manager.getRepository(Variant).find({ where: { productId }, order: { position: 'ASC' } }),
      manager.getRepository(ProductCertification).find({ where: { productId }, order: { position: 'ASC' } }),
      manager.getRepository(ProductImage).find({ where: { productId }, order: { position: 'ASC' } }),
    ]);
    return toProductDto(product, { variants, certifications, images }, this.storage);
  }

  /** Publishes PRODUCT_CHANGED inside the transaction of the change. */
  async announce(manager: EntityManager, product: Pick<Product, 'id' | 'cooperativeId'>, changes: ProductChange[], variantIds: string[]): Promise<void> {
    const event: ProductChangedEvent = { productId: product.id, cooperativeId: product.cooperativeId, changes, variantIds, at: new Date().toISOString() };
    await this.queue.publish(PRODUCT_CHANGED, event, { manager });
  }

  /** The same events for many products at once (a spreadsheet batch), in a few statements. */
  async announceMany(
    manager: EntityManager,
    products: Array<{ product: Pick<Product, 'id' | 'cooperativeId'>; changes: ProductChange[]; variantIds: string[] }>,
  ): Promise<void> {
    const at = new Date().toISOString();
    await this.queue.publishMany<ProductChangedEvent>(
      PRODUCT_CHANGED,
      products.map(({ product, changes, variantIds }) => ({ productId: product.id, cooperativeId: product.cooperativeId, changes, variantIds, at })),
      { manager },
    );
  }

  /** Everything class-validator cannot know: references, dates in order, SKUs unique in the cooperative. */
  private async validate(manager: EntityManager, cooperativeId: string, input: UpdateProductDto, existing: Variant[]): Promise<void> {
    const issues: FieldIssue[] = [];
    if (input.categoryId !== undefined && !(await manager.getRepository(Category).existsBy({ id: input.categoryId }))) {
      issues.push({ field: 'categoryId', key: 'validation.categoryUnknown' });
    }
    if (input.originWardCode !== undefined && !(await this.units.findWard(input.originWardCode))) {
      issues.push({ field: 'originWardCode', key: 'validation.wardUnknown' });
    }
    if (input.ocop && input.ocop.expiresAt <= input.ocop.issuedAt) issues.push({ field: 'ocop.expiresAt', key: 'validation.expiresBeforeIssue' });
    (input.certifications ?? []).forEach((c, i) => {
      if (c.expiresAt <= c.issuedAt) issues.push({ field: `certifications[${i}].expiresAt`, key: 'validation.expiresBeforeIssue' });
    });
    const variants = input.variants ?? [];
    variants.forEach((v, i) => {
      if (v.id && !existing.some((e) => e.id === v.id)) issues.push({ field: `variants[${i}].id`, key: 'validation.variantUnknown' });
    });
    // The product's SKUs after this request: variants not given a new SKU keep theirs.
    const renamed = variants.flatMap((v, index) => (v.sku !== undefined ? [{ sku: v.sku.toUpperCase(), index, id: v.id }] : []));
    const final = [...existing.filter((e) => !renamed.some((r) => r.id === e.id)).map((e) => ({ sku: e.sku.toUpperCase(), index: -1 })), ...renamed];
    for (const { sku, index } of renamed) {
      const first = final.find((f) => f.sku === sku)!;
      if (first.index !== index)
        issues.push({
          field: `variants[${index}].sku`,
          key: first.index === -1 ? 'validation.skuTaken' : 'validation.skuRepeated',
          params: { sku: variants[index].sku },
        });
    }
    if (renamed.length > 0) {
      const taken = await manager
        .getRepository(Variant)
        .createQueryBuilder('v')
        .select('upper(v.sku)', 'sku')
        .where('v.cooperative_id = :cooperativeId', { cooperativeId })
        .andWhere('upper(v.sku) IN (:...skus)', { skus: renamed.map((r) => r.sku) })
        .andWhere(existing.length > 0 ? 'v.product_id <> :productId' : 'TRUE', { productId: existing[0]?.productId })
        .getRawMany<{ sku: string }>();
      for (const { sku, index } of renamed) {
        if (taken.some((t) => t.sku === sku))
          issues.push({ field: `variants[${index}].sku`, key: 'validation.skuTaken', params: { sku: variants[index].sku } });
      }
    }
    if (issues.length > 0) throw AppException.validation(issues);
  }

  private async replaceCertifications(
    manager: EntityManager,
    productId: string,
    certifications: NonNullable<CreateProductDto['certifications']>,
  ): Promise<void> {
    await manager.getRepository(ProductCertification).delete({ productId });
    if (certifications.length === 0) return;
    await manager.getRepository(ProductCertification).insert(certifications.map((c, position) => ({ productId, ...c, position })));
  }
}

type VariantColumns = Pick<Variant, 'sku' | 'name' | 'price' | 'weightGrams' | 'stock'>;
const VARIANT_COLUMNS = ['sku', 'name', 'price', 'weightGrams', 'stock'] as const;

function variantColumns(v: VariantInput): VariantColumns {
  return { sku: v.sku, name: v.name, price: v.price, weightGrams: v.weightGrams, stock: v.stock };
}

/** The fields a change to an existing variant gives; the others are left alone. */
function givenColumns(v: VariantChangeInput): Partial<VariantColumns> {
  return Object.fromEntries(VARIANT_COLUMNS.flatMap((field) => (v[field] !== undefined ? [[field, v[field]]] : [])));
}

/** Two requests racing for one SKU: the unique index decides, the loser hears which field. */
function skuConflict(error: unknown): never {
  if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'variants_cooperative_sku_key') {
    throw AppException.validation([{ field: 'variants', key: 'validation.skuTaken', params: { sku: '' } }]);
  }
  throw error;
}
