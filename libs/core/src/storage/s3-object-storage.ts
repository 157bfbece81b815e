import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MEDIA_PATH } from './media.controller.js';
import { ObjectStorage, type ObjectKey, type StoredObject } from './object-storage.js';

/** ObjectStorage on any S3-protocol server: AWS S3, MinIO, or the embedded s3rver. */
@Injectable()
export class S3ObjectStorage extends ObjectStorage implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly config: AppConfig) {
    super();
    const s3 = config.s3;
    this.bucket = s3.bucket;
    this.client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      // With the SDK's default (WHEN_SUPPORTED), streamed uploads to s3rver are stored with their
      // aws-chunked framing, i.e. corrupted (STACK.md). Real S3 and MinIO accept either.
      requestChecksumCalculation: s3.checksums,
      responseChecksumValidation: s3.checksums,
    });
  }

  async put(key: ObjectKey, body: Buffer | Readable, options: { contentType: string; size?: number }): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        ContentLength: options.size ?? (Buffer.isBuffer(body) ? body.length : undefined),
      }),
    );
  }

  async get(key: ObjectKey): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: out.Body as Readable, contentType: out.ContentType, size: out.ContentLength };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: ObjectKey): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: ObjectKey): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  presignedGetUrl(key: ObjectKey, options: { ttlSeconds?: number; downloadName?: string } = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.downloadName ? { ResponseContentDisposition: contentDisposition(options.downloadName) } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: options.ttlSeconds ?? this.config.s3.presignTtlSeconds });
  }

  /**
   * From S3_PUBLIC_URL when the store has a public address; otherwise served by the app itself
   * (MediaController): absolute on PUBLIC_URL when set, else root-relative, which a browser
   * resolves against the page and a feed against its own origin. Never the store's endpoint: the
   * embedded one is 127.0.0.1, out of reach of phones and platforms.
   */
  publicUrl(key: `public/${string}`): string {
    const path = key.split('/').map(encodeURIComponent).join('/');
    if (this.config.s3.publicUrl) return `${this.config.s3.publicUrl}/${path}`;
    return `${this.config.channels.publicUrl ?? ''}${MEDIA_PATH}${path}`;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 || ['NoSuchKey', 'NotFound'].includes((error as Error).name);
}

/** RFC 6266 with an RFC 5987 UTF-8 name, so "Giấy phép kinh doanh.pdf" downloads under its real name. */
function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
