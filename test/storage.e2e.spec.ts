import http from 'node:http';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectStorage } from '@nongsan/core';
import { createTestApp, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';

/** A request with its path sent as written (fetch would resolve `..` before sending). */
function rawRequest(endpoint: string, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}${path}`, { method, path }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('object storage against the real embedded S3 server', () => {
  let t: TestApp;
  let storage: ObjectStorage;
  beforeAll(async () => {
    t = await createTestApp();
    storage = t.app.get(ObjectStorage);
  });
  afterAll(() => t.close());

  it('puts, gets, checks and deletes an object', async () => {
    const body = Buffer.from('%PDF-1.4 giấy chứng nhận đăng ký hợp tác xã');
    await storage.put('private/cooperatives/1/documents/a.pdf', body, { contentType: 'application/pdf' });
    expect(await storage.exists('private/cooperatives/1/documents/a.pdf')).toBe(true);
    const got = await storage.get('private/cooperatives/1/documents/a.pdf');
    expect(got?.contentType).toBe('application/pdf');
    expect(await readAll(got!.body)).toEqual(body);

    await storage.delete('private/cooperatives/1/documents/a.pdf');
    expect(await storage.exists('private/cooperatives/1/documents/a.pdf')).toBe(false);
    expect(await storage.get('private/cooperatives/1/documents/a.pdf')).toBeUndefined();
    await storage.delete('private/cooperatives/1/documents/a.pdf'); // deleting twice is fine
  });

  it('stores a streamed upload byte for byte (no aws-chunked framing saved)', async () => {
    const bytes = randomBytes(300_000);
    await storage.put('public/products/p1/original.bin', Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]), {
      contentType: 'application/octet-stream',
      size: bytes.length,
    });
    const response = await fetch(storage.publicUrl('public/products/p1/original.bin'));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('serves a private object over plain HTTP through a presigned URL, with its real name', async () => {
    await storage.put('private/docs/giay-phep.pdf', Buffer.from('%PDF-1.7 nội dung'), { contentType: 'application/pdf' });
    const url = await storage.presignedGetUrl('private/docs/giay-phep.pdf', { ttlSeconds: 60, downloadName: 'Giấy phép kinh doanh.pdf' });
    expect(url).toMatch(/X-Amz-Signature=/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Gi%E1%BA%A5y%20ph%C3%A9p");
    expect(await response.text()).toBe('%PDF-1.7 nội dung');
  });

  it('lets a presigned URL expire', async () => {
    await storage.put('private/docs/short.pdf', Buffer.from('%PDF-1.7'), { contentType: 'application/pdf' });
    const url = await storage.presignedGetUrl('private/docs/short.pdf', { ttlSeconds: 3 });
    expect((await fetch(url)).status).toBe(200);
    // Expired once its three seconds have passed, however long the machine took to get here.
    expect(
      await eventually(
        async () => (await fetch(url)).status,
        (status) => status === 403,
        20_000,
        250,
      ),
    ).toBe(403);
  });

  /**
   * Issue #28: the embedded store (s3rver) authorized nothing. Each case below answered 200 before
   * (unsigned reads, listing and writes; a key of the probe's choosing; any signature at all).
   */
  describe('the embedded store refuses what a bucket policy would', () => {
    const secretKey = 'private/cooperatives/9/documents/giay-phep.pdf';
    let endpoint: string;
    let bucket: string;
    const client = (accessKeyId: string, secretAccessKey: string) =>
      new S3Client({
        endpoint,
        region: t.config.s3.region,
        forcePathStyle: true,
        credentials: { accessKeyId, secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
      });
    let ours: S3Client;

    beforeAll(async () => {
      endpoint = t.config.s3.endpoint;
      bucket = t.config.s3.bucket;
      ours = client(t.config.s3.accessKeyId, t.config.s3.secretAccessKey);
      await storage.put(secretKey, Buffer.from('%PDF-1.7 mật'), { contentType: 'application/pdf' });
      await storage.put('public/products/9/320.webp', Buffer.from('webp'), { contentType: 'image/webp' });
    });
    afterAll(() => ours.destroy());

    it('lets anyone read a public object, and nothing else, without a signature', async () => {
      expect((await fetch(`${endpoint}/${bucket}/public/products/9/320.webp`)).status).toBe(200);
      expect((await fetch(`${endpoint}/${bucket}/${secretKey}`)).status).toBe(403);
      for (const query of ['', '?prefix=private/', '?list-type=2&prefix=private/', '?prefix=public/']) {
        const listing = await fetch(`${endpoint}/${bucket}${query}`);
        expect(listing.status).toBe(403);
        expect(await listing.text()).not.toContain('giay-phep');
      }
      // A public path that the file store would resolve into a private key.
      for (const path of ['/public/../private/cooperatives/9/documents/giay-phep.pdf', '/public/%2e%2e/private/cooperatives/9/documents/giay-phep.pdf']) {
        const res = await rawRequest(endpoint, 'GET', `/${bucket}${path}`);
        expect(res.status).toBe(403);
        expect(res.body).not.toContain('mật');
      }
      // Response-header overrides on a public object (a stored file served as HTML) need a signature.
      expect((await fetch(`${endpoint}/${bucket}/public/products/9/320.webp?response-content-type=text/html`)).status).toBe(403);
    });

    it('refuses anonymous writes and deletes, in public/ too', async () => {
      const put = await fetch(`${endpoint}/${bucket}/public/evil.html`, {
        method: 'PUT',
        body: '<script>alert(1)</script>',
        headers: { 'content-type': 'text/html' },
      });
      expect(put.status).toBe(403);
      expect((await fetch(`${endpoint}/${bucket}/public/products/9/320.webp`, { method: 'DELETE' })).status).toBe(403);
      expect(await storage.exists('public/evil.html')).toBe(false);
      expect(await storage.exists('public/products/9/320.webp')).toBe(true);
    });

    it('refuses requests signed with another key, the well-known s3rver key or a forged signature', async () => {
      for (const [id, secret] of [
        [t.config.s3.accessKeyId, 'not-the-secret'],
        ['S3RVER', 'S3RVER'],
      ] as const) {
        const stranger = client(id, secret);
        await expect(stranger.send(new GetObjectCommand({ Bucket: bucket, Key: secretKey }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
        await expect(stranger.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/' }))).rejects.toMatchObject({
          $metadata: { httpStatusCode: 403 },
        });
        await expect(stranger.send(new PutObjectCommand({ Bucket: bucket, Key: 'public/evil.txt', Body: 'x' }))).rejects.toMatchObject({
          $metadata: { httpStatusCode: 403 },
        });
        stranger.destroy();
      }
      const forged = await fetch(`${endpoint}/${bucket}/${secretKey}`, {
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${t.config.s3.accessKeyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
          'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        },
      });
      expect(forged.status).toBe(403);
      expect(await storage.exists('public/evil.txt')).toBe(false);
      // The store's own key does everything.
      await ours.send(new PutObjectCommand({ Bucket: bucket, Key: 'public/ok.txt', Body: 'ok' }));
      const listed = await ours.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/cooperatives/9/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([secretKey]);
      expect((await ours.send(new HeadObjectCommand({ Bucket: bucket, Key: secretKey }))).ContentType).toBe('application/pdf');
    });

    it('refuses an expired presigned link, also replayed with a later X-Amz-Date, and one for another key', async () => {
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
      const expired = await getSignedUrl(ours, new GetObjectCommand({ Bucket: bucket, Key: secretKey }), { expiresIn: 60, signingDate: tenMinutesAgo });
      expect((await fetch(expired)).status).toBe(403);
      const amzDate = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');
      for (const date of [new Date(), new Date(Date.now() + 5 * 60_000), new Date(Date.now() + 24 * 3600_000)]) {
        const replayed = expired.replace(/X-Amz-Date=\d{8}T\d{6}Z/, `X-Amz-Date=${amzDate(date)}`);
        expect(replayed).not.toBe(expired);
        const res = await fetch(replayed);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('mật');
      }
      // Signed honestly but dated tomorrow: S3 refuses a link that is not valid yet.
      const early = await getSignedUrl(ours, new GetObjectCommand({ Bucket: bucket, Key: secretKey }), {
        expiresIn: 60,
        signingDate: new Date(Date.now() + 24 * 3600_000),
      });
      expect((await fetch(early)).status).toBe(403);
      const fresh = await getSignedUrl(ours, new GetObjectCommand({ Bucket: bucket, Key: secretKey }), { expiresIn: 60 });
      expect((await fetch(fresh)).status).toBe(200);
      expect((await fetch(fresh.replace('giay-phep.pdf', 'other.pdf'))).status).toBe(403);
      // The method is signed too: a read link does not write.
      expect((await fetch(fresh, { method: 'PUT', body: 'x' })).status).toBe(403);
      expect(await readAll((await storage.get(secretKey))!.body)).toEqual(Buffer.from('%PDF-1.7 mật'));
    });
  });

  it('answers readiness with the storage up', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body.info.storage.status).toBe('up');
  });
});
