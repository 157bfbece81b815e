import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, detectFileType, ObjectStorage, openImage, type AuthUser, type StoredObject, type UploadedFile } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { orderError } from '../order.errors.js';
import { OrderReturn, ReturnPhoto } from './order-return.entity.js';
import type { ReturnPhotoDto } from './returns.dto.js';

export const RETURN_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Enough to show the damage from a few sides; each one is an object kept as evidence. */
export const RETURN_PHOTOS_MAX = 6;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Wide enough to see a crack on a bottle, small enough for a phone to load. */
const PHOTO_WIDTH = 1600;
/** How long a photo's link works: long enough to look at a return's page. */
const PHOTO_URL_TTL_SECONDS = 600;

/**
 * Photos of goods a buyer asks to send back. Private: a phone photo may show the buyer's home, and
 * its EXIF the place it was taken — re-encoding drops the metadata, and the object is reached only
 * through short-lived links handed out by the return's own permission check (the buyer, the
 * cooperative's members, officials). The links are the app's own, signed by it, not the object
 * store's: an <img> sends no bearer token, the page's CSP allows images from the app only, and the
 * embedded store listens on 127.0.0.1, which no phone reaches.
 */
@Injectable()
export class ReturnPhotosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
  ) {}

  /** The buyer adds a photo while the cooperative has not answered yet. */
  async add(user: AuthUser, returnId: string, file: UploadedFile): Promise<void> {
    await this.requireOpen(user, returnId);
    await detectFileType(file, PHOTO_TYPES);
    const opened = await openImage(file.buffer, { failOn: 'error' });
    const { data, info } = await opened.image
      .rotate()
      .resize({ width: PHOTO_WIDTH, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const storageKey = `private/returns/${returnId}/${randomUUID()}.webp` as const;
    await this.storage.put(storageKey, data, { contentType: 'image/webp' });
    try {
      await this.db.transaction(async (manager) => {
        // Under the return's lock, so two uploads at once cannot both take the last place.
        await this.requireOpen(user, returnId, manager);
        const count = await manager.getRepository(ReturnPhoto).countBy({ returnId });
        if (count >= RETURN_PHOTOS_MAX)
          throw orderError('RETURN_PHOTOS_FULL', {
            params: { max: RETURN_PHOTOS_MAX },
            details: [{ field: 'file', key: 'validation.returnPhotosFull', params: { max: RETURN_PHOTOS_MAX } }],
          });
        await manager.getRepository(ReturnPhoto).insert({ returnId, storageKey, width: info.width, height: info.height, sizeBytes: data.length });
      });
    } catch (error) {
      // No row names this object: left behind, nobody could ever see or remove it.
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** The buyer's own return, still waiting for the cooperative; locked when inside a transaction. */
  private async requireOpen(user: AuthUser, returnId: string, manager?: EntityManager): Promise<void> {
    const ret = manager
      ? await manager.getRepository(OrderReturn).findOne({ where: { id: returnId }, lock: { mode: 'pessimistic_write' } })
      : await this.db.getRepository(OrderReturn).findOneBy({ id: returnId });
    if (!ret || ret.buyerId !== user.id) throw AppException.notFound('return');
    if (ret.status !== 'requested') throw AppException.wrongState(ret.status);
  }

  /** Each return's photos with links that work for a few minutes; call only after the caller may see the returns. */
  async forReturns(returnIds: string[]): Promise<Map<string, ReturnPhotoDto[]>> {
    const byReturn = new Map<string, ReturnPhotoDto[]>(returnIds.map((id) => [id, []]));
    if (returnIds.length === 0) return byReturn;
    const rows = await this.db
      .getRepository(ReturnPhoto)
      .createQueryBuilder('p')
      .where('p.return_id IN (:...returnIds)', { returnIds })
      .orderBy('p.created_at')
      .addOrderBy('p.id')
      .getMany();
    const expires = Math.floor(Date.now() / 1000) + PHOTO_URL_TTL_SECONDS;
    for (const row of rows) {
      const url = `/api/v1/return-photos/${row.id}?expires=${expires}&signature=${this.sign(row.id, expires)}`;
      byReturn.get(row.returnId)!.push({ id: row.id, url, width: row.width, height: row.height });
    }
    return byReturn;
  }

  /** The photo a link names, while the link is good; anything else is the same 404. */
  async open(photoId: string, expires: number, signature: string): Promise<StoredObject> {
    const expected = Buffer.from(this.sign(photoId, expires));
    const given = Buffer.from(signature);
    const good = expires * 1000 > Date.now() && given.length === expected.length && timingSafeEqual(given, expected);
    const row = good ? await this.db.getRepository(ReturnPhoto).findOneBy({ id: photoId }) : null;
    const stored = row ? await this.storage.get(row.storageKey) : undefined;
    if (!stored) throw AppException.notFound('resource');
    return stored;
  }

  /** Keyed by the app's secret, with a purpose of its own so no other signature can stand in for it. */
  private sign(photoId: string, expires: number): string {
    return createHmac('sha256', this.config.jwtSecret).update(`return-photo:${photoId}:${expires}`).digest('base64url');
  }
}
