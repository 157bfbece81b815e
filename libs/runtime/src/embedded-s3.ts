import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import S3rver, { type KoaContext } from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { verifySigV4, type SignatureVerdict } from './sigv4.js';

export interface EmbeddedS3 {
  endpoint: string;
  close(): Promise<void>;
}

export interface EmbeddedS3Options {
  directory: string;
  port: number;
  bucket: string;
  /** The only key pair the store accepts; requests signed with anything else are refused. */
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * A real S3-protocol server (s3rver) in this process, its objects as files under `directory`.
 *
 * s3rver authorizes nothing (SigV4 is not even checked), so every request first passes
 * `authorize`: signed with our key, anything; unsigned, only what production's bucket policy
 * allows anyone — reading one `public/` object.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  await fs.mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket }],
    // Path-style URLs only: a bucket sub-domain of 127.0.0.1 does not resolve.
    vhostBuckets: false,
  });
  // s3rver's own header check looks the key up in its registry before (not) verifying it.
  new AWSAccount(options.credentials.accessKeyId, 'Nongsan').createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  // Before the router, after s3rver's error rendering: a refusal is answered in S3's XML shape.
  server.middleware.splice(server.middleware.length - 1, 0, async (ctx: KoaContext, next: () => Promise<void>) => {
    const verdict = authorize(ctx.req.method ?? 'GET', ctx.req.url ?? '/', ctx.req.headers, options.credentials);
    if (verdict.kind === 'refused') {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${verdict.message}</Message></Error>`;
      return;
    }
    await next();
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () => server.close(),
  };
}

/** Exported for its unit spec. */
export function authorize(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  credentials: EmbeddedS3Options['credentials'],
  now = new Date(),
): SignatureVerdict {
  const verdict = verifySigV4({ method, url, headers }, credentials, now);
  if (verdict.kind !== 'anonymous') return verdict;
  if (isAnonymousRead(method, url)) return verdict;
  return { kind: 'refused', code: 'AccessDenied', message: 'Access Denied' };
}

/**
 * GET/HEAD of one object under `public/`, without query parameters (no listing, no response
 * header overrides) and without `.`/`..` segments, which s3rver's file store would resolve into
 * another key.
 */
function isAnonymousRead(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (url.includes('?')) return false;
  let segments: string[];
  try {
    segments = url
      .split('/')
      .slice(2)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return false;
  }
  return segments[0] === 'public' && segments.length > 1 && segments.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\\'));
}
