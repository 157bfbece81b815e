import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelContext, ChannelCredentials, ChannelSettings } from '../../libs/channels/src/adapters/channel-adapter.js';
import type { Session, TestApp } from './app.js';
import { createProduct } from './catalog-fixtures.js';
import { approveCooperative, createCooperative } from './fixtures.js';

/**
 * What the marketplace specs (each adapter's unit spec, each platform's e2e spec) set up the same
 * way. Nothing here loads the app itself, so the adapter specs stay fast; each platform's scenarios
 * stay in its own spec.
 */

// ---- adapter specs -------------------------------------------------------------------------------

/** A connection's context whose saveCredentials keeps what it is given, in `saved` and in the context, as the engine would. */
export function recordingContext(
  connectionId: string,
  credentials: ChannelCredentials,
  settings: ChannelSettings,
): { context: ChannelContext; saved: ChannelCredentials[] } {
  const saved: ChannelCredentials[] = [];
  const context: ChannelContext = {
    connectionId,
    credentials,
    settings,
    async saveCredentials(next) {
      saved.push(next);
      context.credentials = next;
    },
  };
  return { context, saved };
}

export interface ReceivedPush {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

/** A local endpoint standing in for our webhook: it keeps every push a fake sends it, byte for byte, and answers `status`. */
export async function pushReceiver(status: number): Promise<{ origin: string; received: ReceivedPush[]; close(): Promise<void> }> {
  const received: ReceivedPush[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ rawBody: Buffer.concat(chunks), headers: req.headers as Record<string, string | undefined> });
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- e2e specs -----------------------------------------------------------------------------------

/** Sync settings that keep an e2e run quick against a well-behaved fake. */
export const QUICK_SYNC_ENV = {
  CHANNEL_RATE_PER_SECOND: '200',
  CHANNEL_RATE_BURST: '200',
  CHANNEL_RETRY_BASE_MS: '50',
  CHANNEL_RETRY_MAX_MS: '400',
  CHANNEL_REQUEST_TIMEOUT_MS: '2000',
};

/** Sync settings for a fake that fails one call in five: short timeouts and retries, and attempts enough to get through. */
export const FAULTY_SYNC_ENV = {
  CHANNEL_RATE_PER_SECOND: '100',
  CHANNEL_RATE_BURST: '20',
  CHANNEL_RETRY_BASE_MS: '50',
  CHANNEL_RETRY_MAX_MS: '500',
  CHANNEL_REQUEST_TIMEOUT_MS: '400',
  CHANNEL_SYNC_MAX_ATTEMPTS: '25',
};

/** A cooperative of `owner`'s, approved by `official`, as a seller needs it before connecting a shop. */
export async function approvedCooperative(t: TestApp, owner: Session, official: Session): Promise<string> {
  const { id } = await createCooperative(t, owner);
  await approveCooperative(t, owner, official, id);
  return id;
}

/** A product with one PNG picture, published, as a seller would list it. */
export async function listedProduct(
  t: TestApp,
  coopId: string,
  owner: Session,
  picture: Buffer,
  overrides: Record<string, unknown> = {},
  filename = 'anh.png',
) {
  const product = await createProduct(t, coopId, owner, { overrides });
  await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', picture, { filename, contentType: 'image/png' }).expect(201);
  await t.http().post(`/api/v1/products/${product.id}/publish`).set(owner.auth).expect(200);
  return product;
}

/**
 * `count` listed products of one kind, SKUs BT-000 onwards with price and stock by number, created
 * `batch` at a time: enough for a sync to meet faults many times over.
 */
export async function listedRicePapers(t: TestApp, coopId: string, owner: Session, picture: Buffer, options: { count: number; batch: number }): Promise<void> {
  const create = (i: number) =>
    listedProduct(
      t,
      coopId,
      owner,
      picture,
      {
        name: `Bánh tráng Trường Thành loại ${i}`,
        categoryId: 'rice-paper',
        variants: [{ sku: `BT-${String(i).padStart(3, '0')}`, name: 'Xấp 500 g', price: 30000 + i * 100, weightGrams: 500, stock: 100 + i }],
      },
      'banh-trang.png',
    );
  for (let start = 0; start < options.count; start += options.batch) {
    await Promise.all(Array.from({ length: Math.min(options.batch, options.count - start) }, (_, k) => create(start + k)));
  }
}

/** Connects a shop while the fake may fail the check: the seller is told to try again and nothing is stored, so try until it works. */
export async function connectDespiteFaults(
  t: TestApp,
  owner: Session,
  coopId: string,
  connection: { platform: string; credentials: Record<string, string>; settings?: Record<string, unknown> },
) {
  let connected: { status: number; body: { id: string; syncJobId: string; error?: { code: string } } };
  do {
    connected = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send(connection);
    if (connected.status !== 201) expect(connected.body.error?.code).toBe('CHANNEL_UNREACHABLE');
  } while (connected.status !== 201);
  return connected.body;
}

export async function job(t: TestApp, owner: Session, jobId: string) {
  return (await t.http().get(`/api/v1/jobs/${jobId}`).set(owner.auth).expect(200)).body;
}

/** The first 100 listings of a connection, of one status if given. */
export async function listings(t: TestApp, owner: Session, connectionId: string, status?: string) {
  return (
    await t
      .http()
      .get(`/api/v1/channels/${connectionId}/listings`)
      .query({ limit: 100, ...(status ? { status } : {}) })
      .set(owner.auth)
      .expect(200)
  ).body.items as Array<Record<string, unknown>>;
}

/** Every listing of a connection, page after page. */
export async function allListings(t: TestApp, owner: Session, connectionId: string) {
  const all: Array<{ sku: string; status: string; externalId: string | null; productId: string; lastError: string | null }> = [];
  let cursor: string | null = null;
  do {
    const { body }: { body: { items: typeof all; nextCursor: string | null } } = await t
      .http()
      .get(`/api/v1/channels/${connectionId}/listings`)
      .query({ limit: 100, ...(cursor ? { cursor } : {}) })
      .set(owner.auth)
      .expect(200);
    all.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}

export async function variantStock(t: TestApp, owner: Session, productId: string) {
  return (await t.http().get(`/api/v1/products/${productId}`).set(owner.auth).expect(200)).body.variants[0].stock as number;
}

/** A seller's edit of the product's only variant: just the fields that change, as the seller portal sends it. */
export async function editVariant(t: TestApp, owner: Session, productId: string, changes: { price?: number; stock?: number }) {
  const { body } = await t.http().get(`/api/v1/products/${productId}`).set(owner.auth).expect(200);
  await t
    .http()
    .patch(`/api/v1/products/${productId}`)
    .set(owner.auth)
    .send({ variants: [{ id: body.variants[0].id, ...changes }] })
    .expect(200);
}

/** Where the app, listening, takes a connection's pushes. */
export function webhookUrl(t: TestApp, connectionId: string): string {
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}/api/v1/channels/${connectionId}/webhook`;
}
