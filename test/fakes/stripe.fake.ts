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
  latest_charge: string | null;
  amount_received: number;
}

interface RefundObject {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: 'succeeded';
  transfer_reversal: null;
}

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

/**
 * A local stand-in for the part of Stripe's API we use, speaking its wire format: form-encoded
 * bodies with bracketed keys (`metadata[checkoutId]=…`), Bearer secret keys, Idempotency-Key
 * replay (same key + same params → the same object; other params → 400 idempotency_error),
 * zero-decimal VND, and errors as `{error: {type, code, message, param}}`.
 *
 * Refunds (`POST /v1/refunds`, as https://docs.stripe.com/api/refunds/create documents it): by
 * `payment_intent` or `charge`, `amount` defaulting to what is left unrefunded, `reason` one of
 * duplicate | fraudulent | requested_by_customer, `metadata[…]`; only a charge that succeeded can
 * be refunded, never beyond what it took (`amount_too_large`). A test makes an intent's payment
 * succeed with `succeed(id)`, as the card holder confirming it would.
 */
export class StripeFake {
  readonly secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
  readonly requests: RecordedRequest[] = [];
  readonly intents = new Map<string, PaymentIntent>();
  readonly refunds = new Map<string, RefundObject>();
  /** The next refund calls are refused with a 402 card_declined-like error, as Stripe may (e.g. the card account closed). */
  refuseRefunds = 0;
  private readonly idempotent = new Map<string, { params: string; body: unknown }>();
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The buyer confirmed the card payment: the intent succeeded with a charge. */
  succeed(intentId: string): PaymentIntent {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    Object.assign(intent, { status: 'succeeded', latest_charge: `ch_${randomBytes(12).toString('hex')}`, amount_received: intent.amount });
    return intent;
  }

  /** Đồng refunded so far on an intent. */
  refundedOn(intentId: string): number {
    return [...this.refunds.values()].filter((r) => r.payment_intent === intentId).reduce((sum, r) => sum + r.amount, 0);
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
    const fail = (status: number, type: string, message: string, param?: string, code?: string) =>
      send(status, { error: { type, message, ...(param ? { param } : {}), ...(code ? { code } : {}) } });

    if (req.headers.authorization !== `Bearer ${this.secretKey}`) return fail(401, 'invalid_request_error', 'Invalid API Key provided');
    if (req.method === 'POST' && idempotencyKey) {
      const seen = this.idempotent.get(idempotencyKey);
      if (seen) {
        if (seen.params !== raw)
          return fail(400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
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
        latest_charge: null,
        amount_received: 0,
      };
      this.intents.set(id, intent);
      if (idempotencyKey) this.idempotent.set(idempotencyKey, { params: raw, body: intent });
      return send(200, intent);
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const intent = params.payment_intent
        ? this.intents.get(params.payment_intent)
        : [...this.intents.values()].find((i) => params.charge !== undefined && i.latest_charge === params.charge);
      if (!params.payment_intent && !params.charge)
        return fail(
          400,
          'invalid_request_error',
          'One of the following params should be provided for this request: payment_intent or charge.',
          undefined,
          'parameter_missing',
        );
      if (!intent) {
        return params.payment_intent
          ? fail(400, 'invalid_request_error', `No such payment_intent: '${params.payment_intent}'`, 'payment_intent', 'resource_missing')
          : fail(400, 'invalid_request_error', `No such charge: '${params.charge}'`, 'charge', 'resource_missing');
      }
      if (intent.status !== 'succeeded' || !intent.latest_charge)
        return fail(400, 'invalid_request_error', 'This PaymentIntent does not have a successful charge to refund.', 'payment_intent', 'charge_not_refundable');
      if (params.reason !== undefined && !REFUND_REASONS.includes(params.reason))
        return fail(400, 'invalid_request_error', `Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'reason', 'parameter_invalid_string');
      if (this.refuseRefunds > 0) {
        this.refuseRefunds--;
        return fail(402, 'card_error', 'The refund could not be processed: the card account is closed.', undefined, 'refund_failed');
      }
      const left = intent.amount - this.refundedOn(intent.id);
      if (params.amount !== undefined && !/^\d+$/.test(params.amount))
        return fail(400, 'invalid_request_error', 'Invalid integer', 'amount', 'parameter_invalid_integer');
      const amount = params.amount !== undefined ? Number(params.amount) : left;
      if (amount < 1 || amount > left)
        return fail(
          400,
          'invalid_request_error',
          `Refund amount (₫${amount}) is greater than unrefunded amount on charge (₫${left})`,
          'amount',
          'amount_too_large',
        );
      const metadata = Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (k.startsWith('metadata[') ? [[k.slice(9, -1), v]] : [])));
      const refund: RefundObject = {
        id: `re_${randomBytes(12).toString('hex')}`,
        object: 'refund',
        amount,
        balance_transaction: `txn_${randomBytes(12).toString('hex')}`,
        charge: intent.latest_charge,
        created: Math.floor(Date.now() / 1000),
        currency: intent.currency,
        metadata,
        payment_intent: intent.id,
        reason: params.reason ?? null,
        receipt_number: null,
        source_transfer_reversal: null,
        status: 'succeeded',
        transfer_reversal: null,
      };
      this.refunds.set(refund.id, refund);
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
