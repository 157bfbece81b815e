import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShopeeFake } from './shopee.fake.js';

/**
 * Shopee's shop authorization, in front of the Shopee fake (every other call is passed through to
 * it unchanged), from the documented flow (Open Platform v2 "Authorization and Authentication"):
 * - `GET /api/v2/shop/auth_partner?partner_id&timestamp&sign&redirect`: the link is signed like a
 *   public call (HMAC-SHA256 of partner_id + path + timestamp with the partner key, lowercase hex)
 *   and expires after 300 s. The seller signs in and approves (here: the shop the test says will);
 *   Shopee then sends the browser to `redirect` with `code` and `shop_id` added to its query.
 * - `POST /api/v2/auth/token/get` (a public call): `{code, shop_id, partner_id}` → the shop's
 *   `access_token`, `refresh_token` and `expire_in`. A code works once, for ten minutes.
 * - `GET /api/v2/logistics/get_channel_list` (a shop call): the shop's logistics channels, the
 *   fake's enabled ids plus one the seller has switched off.
 * Approving issues a new token pair for the shop, so the pair held before stops working, as when a
 * seller authorizes the app again.
 */
export class ShopeeAuthorizationFake {
  readonly calls: Array<{ path: string; status: number }> = [];
  private readonly codes = new Map<string, { shopId: number; expiresAt: number }>();
  private approving: { shopId: number; name: string } | null = null;

  private constructor(
    private readonly shopee: ShopeeFake,
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(shopee: ShopeeFake): Promise<ShopeeAuthorizationFake> {
    let fake: ShopeeAuthorizationFake | null = null;
    const server = http.createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new ShopeeAuthorizationFake(shopee, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The shop whose owner signs in and approves on the next visit to the authorization page. */
  approveAs(shop: { shopId: number; name: string }): void {
    this.approving = shop;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const answer = (status: number, json: Record<string, unknown>, headers: Record<string, string> = {}) => {
      this.calls.push({ path: url.pathname, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ request_id: randomBytes(8).toString('hex'), error: '', message: '', ...json }));
    };
    const signed = (extra = '') => this.signatureProblem(url, extra);

    if (url.pathname === '/api/v2/shop/auth_partner' && req.method === 'GET') {
      const problem = signed();
      if (problem) return answer(403, problem);
      const redirect = url.searchParams.get('redirect');
      if (!redirect || !this.approving) return answer(400, { error: 'error_param', message: 'redirect is required.' });
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, { shopId: this.approving.shopId, expiresAt: Date.now() + 10 * 60_000 });
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('shop_id', String(this.approving.shopId));
      this.calls.push({ path: url.pathname, status: 302 });
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    if (url.pathname === '/api/v2/auth/token/get' && req.method === 'POST') {
      const problem = signed();
      if (problem) return answer(403, problem);
      const input = JSON.parse(body.toString('utf8') || '{}') as { code?: unknown; shop_id?: unknown; partner_id?: unknown };
      const issued = typeof input.code === 'string' ? this.codes.get(input.code) : undefined;
      if (!issued || issued.expiresAt < Date.now() || issued.shopId !== input.shop_id || input.partner_id !== this.shopee.partnerId) {
        return answer(400, { error: 'error_param', message: 'Invalid code.' });
      }
      this.codes.delete(input.code as string);
      const name = this.approving?.shopId === issued.shopId ? this.approving.name : `Shop ${issued.shopId}`;
      const pair = this.shopee.addShop({ shopId: issued.shopId, name });
      return answer(200, { access_token: pair.accessToken, refresh_token: pair.refreshToken, expire_in: 14400, shop_id_list: [issued.shopId] });
    }
    if (url.pathname === '/api/v2/logistics/get_channel_list' && req.method === 'GET') {
      const problem = signed(`${url.searchParams.get('access_token') ?? ''}${url.searchParams.get('shop_id') ?? ''}`);
      if (problem) return answer(403, problem);
      const enabled = [...this.shopee.logisticIds].map((id) => ({ logistics_channel_id: id, logistics_channel_name: `Kênh ${id}`, enabled: true }));
      return answer(200, {
        response: { logistics_channel_list: [...enabled, { logistics_channel_id: 59999, logistics_channel_name: 'Hỏa tốc', enabled: false }] },
      });
    }
    const passed = await fetch(`${this.shopee.baseUrl}${url.pathname}${url.search}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length',
        ),
      ),
      ...(body.length > 0 ? { body } : {}),
    });
    this.calls.push({ path: url.pathname, status: passed.status });
    res.writeHead(
      passed.status,
      Object.fromEntries([...passed.headers].filter(([name]) => name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding')),
    );
    res.end(Buffer.from(await passed.arrayBuffer()));
  }

  /** Shopee's own refusals of a badly signed call: partner, timestamp window, sign over partner_id + path + timestamp (+ token and shop). */
  private signatureProblem(url: URL, shopPart: string): { error: string; message: string } | null {
    if (url.searchParams.get('partner_id') !== String(this.shopee.partnerId)) return { error: 'error_param', message: 'Invalid partner_id.' };
    const timestamp = url.searchParams.get('timestamp') ?? '';
    if (!/^\d+$/.test(timestamp) || Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > 300)
      return { error: 'error_param', message: 'Timestamp is expired.' };
    const expected = createHmac('sha256', this.shopee.partnerKey).update(`${this.shopee.partnerId}${url.pathname}${timestamp}${shopPart}`).digest('hex');
    return url.searchParams.get('sign') === expected ? null : { error: 'error_sign', message: 'Wrong sign.' };
  }
}
