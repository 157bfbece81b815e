import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, detectFileType, ObjectStorage, openImage, type AuthUser, type UploadedFile } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import type { ProductDto } from '../products/product.dto.js';
import { ProductImage, type ImageKeys } from '../products/product.entities.js';
import { ProductsService } from '../products/products.service.js';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Widths made for every photo: a phone's product card and a product page. */
export const IMAGE_WIDTHS = [320, 1024] as const;

@Injectable()
export class ProductImagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly products: ProductsService,
    private readonly storage: ObjectStorage,
  ) {}

  /** Checked by content, re-encoded to WebP in each width (EXIF orientation applied, metadata dropped). */
  async upload(user: AuthUser, productId: string, file: UploadedFile, alt: string | null): Promise<ProductDto> {
    await this.products.requireProduct(user, productId, 'member');
    await detectFileType(file, IMAGE_TYPES);
    const image = await this.encodeAndStore(productId, file.buffer);
    try {
      await this.db.transaction(async (manager) => {
        const product = await this.products.requireProduct(user, productId, 'member', manager);
        const [{ next }] = await manager.query<Array<{ next: number }>>(
          `SELECT coalesce(max(position) + 1, 0)::int AS next FROM product_images WHERE product_id = $1`,
          [productId],
        );
        await manager.getRepository(ProductImage).insert({ ...image, productId, position: next, alt });
        await this.products.announce(manager, product, ['images'], []);
      });
    } catch (error) {
      // No row names these objects: left behind, they would be public files nobody can remove.
      await this.deleteObjects(Object.values(image.keys));
      throw error;
    }
    return this.products.load(productId);
  }

  /**
   * Stores `source` as WebP in each width under a new image id (EXIF orientation applied, metadata
   * dropped); the caller records the ProductImage row. Width and height are the largest rendition's.
   */
  async encodeAndStore(productId: string, source: Buffer): Promise<Pick<ProductImage, 'id' | 'width' | 'height' | 'keys'>> {
    const opened = await openImage(source, { failOn: 'error' });
    const image = opened.image.rotate();
    const meta = opened.meta;
    const id = randomUUID();
    const keys: ImageKeys = {};
    let size = { width: meta.width ?? 0, height: meta.height ?? 0 };
    try {
      for (const width of IMAGE_WIDTHS) {
        const { data, info } = await image.clone().resize({ width, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
        const key = `public/products/${productId}/${id}/${width}.webp` as const;
        await this.storage.put(key, data, { contentType: 'image/webp' });
        keys[String(width)] = key;
        size = { width: info.width, height: info.height };
      }
    } catch (error) {
      await this.deleteObjects(Object.values(keys));
      throw error;
    }
    return { id, keys, ...size };
  }

  /** Best effort: the error that made these objects useless is the one to report. */
  private async deleteObjects(keys: ImageKeys[string][]): Promise<void> {
    for (const key of keys) await this.storage.delete(key).catch(() => undefined);
  }

  /** `imageIds` must be exactly the product's images, in the new order (first = cover). */
  async reorder(user: AuthUser, productId: string, imageIds: string[]): Promise<ProductDto> {
    await this.db.transaction(async (manager) => {
      const product = await this.products.requireProduct(user, productId, 'member', manager);
      const current = await manager.getRepository(ProductImage).findBy({ productId });
      const same = current.length === imageIds.length && current.every((i) => imageIds.includes(i.id));
      if (!same) throw AppException.validation([{ field: 'imageIds', key: 'validation.imageOrder' }]);
      for (const [position, id] of imageIds.entries()) await manager.getRepository(ProductImage).update({ id }, { position });
      await this.products.announce(manager, product, ['images'], []);
    });
    return this.products.load(productId);
  }

  async remove(user: AuthUser, productId: string, imageId: string): Promise<void> {
    const image = await this.db.transaction(async (manager) => {
      const product = await this.products.requireProduct(user, productId, 'member', manager);
      const found = await manager.getRepository(ProductImage).findOneBy({ id: imageId, productId });
      if (!found) throw AppException.notFound('image');
      await manager.getRepository(ProductImage).delete({ id: imageId });
      await this.products.announce(manager, product, ['images'], []);
      return found;
    });
    for (const key of Object.values(image.keys)) await this.storage.delete(key);
  }
}
