import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  params: Record<string, string>;
}

interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

/**
 * A local stand-in for the part of Stripe's API we use, speaking its wire format: form-encoded
 * bodies with bracketed keys (`metadata[checkoutId]=…`), Bearer secret keys, Idempotency-Key
 * replay (same key + same params → the same object; other params → 400 idempotency_error),
 * zero-decimal VND, and errors as `{error: {type, code, message, param}}`.
 */
export class StripeFake {
  readonly secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
  readonly requests: RecordedRequest[] = [];
  readonly intents = new Map<string, PaymentIntent>();
  private readonly idempotent = new Map<string, { params: string; body: unknown }>();
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const params = Object.fromEntries(new URLSearchParams(raw));
    const url = new URL(req.url ?? '/', 'http://x');
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, params });

    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(6).toString('hex')}` });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, type: string, message: string, param?: string, code?: string) => send(status, { error: { type, message, ...(param ? { param } : {}), ...(code ? { code } : {}) } });

    if (req.headers.authorization !== `Bearer ${this.secretKey}`) return fail(401, 'invalid_request_error', 'Invalid API Key provided');
    if (req.method === 'POST' && idempotencyKey) {
      const seen = this.idempotent.get(idempotencyKey);
      if (seen) {
        if (seen.params !== raw) return fail(400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
        return send(200, seen.body);
      }
    }

    if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
      const amount = Number(params.amount);
      if (!/^\d+$/.test(params.amount ?? '') || amount < 1) return fail(400, 'invalid_request_error', 'Invalid integer', 'amount', 'parameter_invalid_integer');
      if (!params.currency) return fail(400, 'invalid_request_error', 'Missing required param: currency.', 'currency', 'parameter_missing');
      const id = `pi_${randomBytes(12).toString('hex')}`;
      const metadata = Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (k.startsWith('metadata[') ? [[k.slice(9, -1), v]] : [])));
      const intent: PaymentIntent = {
        id,
        object: 'payment_intent',
        amount,
        currency: params.currency,
        status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
        metadata,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      this.intents.set(id, intent);
      if (idempotencyKey) this.idempotent.set(idempotencyKey, { params: raw, body: intent });
      return send(200, intent);
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const intent = this.intents.get(params.payment_intent ?? '');
      if (!intent) return fail(400, 'invalid_request_error', `No such payment_intent: '${params.payment_intent}'`, 'payment_intent', 'resource_missing');
      const amount = params.amount ? Number(params.amount) : intent.amount;
      if (!Number.isInteger(amount) || amount < 1 || amount > intent.amount) return fail(400, 'invalid_request_error', 'Refund amount is greater than the charge.', 'amount', 'amount_too_large');
      const refund = { id: `re_${randomBytes(12).toString('hex')}`, object: 'refund', amount, currency: intent.currency, payment_intent: intent.id, status: 'succeeded' };
      if (idempotencyKey) this.idempotent.set(idempotencyKey, { params: raw, body: refund });
      return send(200, refund);
    }
    const retrieve = /^\/v1\/payment_intents\/(pi_\w+)$/.exec(url.pathname);
    if (req.method === 'GET' && retrieve) {
      const intent = this.intents.get(retrieve[1]);
      return intent ? send(200, intent) : fail(404, 'invalid_request_error', `No such payment_intent: '${retrieve[1]}'`, 'intent', 'resource_missing');
    }
    return fail(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`);
  }
}
