import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { ObjectStorage } from '@nongsan/core';
import { createTestApp, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';

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
    expect(await eventually(async () => (await fetch(url)).status, (status) => status === 403, 20_000, 250)).toBe(403);
  });

  it('answers readiness with the storage up', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body.info.storage.status).toBe('up');
  });
});
