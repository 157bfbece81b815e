import type { Readable } from 'node:stream';

/**
 * Keys start with their visibility: `public/…` objects (product images) have a stable URL;
 * `private/…` ones (cooperative papers) are reached only through short-lived presigned URLs.
 * One bucket policy — anonymous read on `public/*` — is all production needs.
 */
export type ObjectKey = `public/${string}` | `private/${string}`;

export interface StoredObject {
  body: Readable;
  contentType: string | undefined;
  size: number | undefined;
}

/** Where images and documents live. Injected by class: `constructor(private readonly storage: ObjectStorage)`. */
export abstract class ObjectStorage {
  abstract put(key: ObjectKey, body: Buffer | Readable, options: { contentType: string; size?: number }): Promise<void>;
  /** Undefined when there is no such object. */
  abstract get(key: ObjectKey): Promise<StoredObject | undefined>;
  /** Deleting a missing object is not an error. */
  abstract delete(key: ObjectKey): Promise<void>;
  abstract exists(key: ObjectKey): Promise<boolean>;
  /** A URL anyone holding it can GET for `ttlSeconds` (default S3_PRESIGN_TTL_SECONDS). */
  abstract presignedGetUrl(key: ObjectKey, options?: { ttlSeconds?: number; downloadName?: string }): Promise<string>;
  /** The stable URL of a `public/` object: absolute, or root-relative when the app serves it and PUBLIC_URL is unset. */
  abstract publicUrl(key: `public/${string}`): string;
  /** Throws when the store cannot be reached (readiness probe). */
  abstract ping(): Promise<void>;
}
