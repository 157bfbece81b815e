/**
 * Giao Hàng Tiết Kiệm (GHTK), from its published API documents at
 * https://docs.giaohangtietkiem.vn/en/docs/submit-order/: every call carries the account's `Token`
 * and our integrator code in `X-Client-Source`, and answers `{success, message, …}`. GHTK takes
 * places by the names of their province, district and ward, so it has no master data to map.
 */
import { ok, parseJsonObject, permanent, retryable, SignedClient, type PlatformAnswer, type PlatformResult, type SignedProtocol } from '@nongsan/core';
import {
  ROUTE_UNSERVED,
  type BookedShipment,
  type CarrierAdapter,
  type CarrierCredentials,
  type CarrierStatusUpdate,
  type Quote,
  type QuoteRequest,
  type ShipmentRequest,
  type ShipmentStatus,
  type WebhookDelivery,
} from '../carrier-adapter.js';

interface GhtkRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

interface GhtkEnvelope {
  success?: unknown;
  message?: unknown;
  error_code?: unknown;
}

export function ghtkProtocol(baseUrl: string, clientSource: string): SignedProtocol<CarrierCredentials, GhtkRequest> {
  return {
    name: 'GHTK',
    prepare(credentials, request) {
      const query = request.query ? `?${new URLSearchParams(Object.entries(request.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
      const headers: Record<string, string> = { Token: credentials.token, 'X-Client-Source': clientSource };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      return {
        url: `${baseUrl}${request.path}${query}`,
        init: { method: request.method, headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) },
      };
    },
    read(response, text): PlatformAnswer {
      const envelope = parseJsonObject<GhtkEnvelope & Record<string, unknown>>(text);
      if (!envelope || typeof envelope.success !== 'boolean') return { kind: 'unreadable' };
      if (envelope.success) return { kind: 'success', value: envelope };
      const code = envelope.error_code !== undefined ? String(envelope.error_code) : `http_${response.status}`;
      return { kind: 'error', code, message: typeof envelope.message === 'string' ? envelope.message : '' };
    },
  };
}

/** GHTK's status ids (webhook page, https://docs.giaohangtietkiem.vn/en/docs/submit-order/webhook) folded into ours. */
const STATUS: Record<string, ShipmentStatus> = {
  '-1': 'cancelled',
  '1': 'booked',
  '2': 'booked',
  '12': 'booked',
  '3': 'shipped',
  '4': 'shipped',
  '5': 'delivered',
  '6': 'delivered',
  // 20: being returned; 21: returned to the shop; 11: the return's charges settled (after 21, should 21 be lost).
  '20': 'returning',
  '21': 'returned',
  '11': 'returned',
};

export class GhtkAdapter implements CarrierAdapter {
  readonly info = { carrier: 'ghtk' as const, name: 'GHTK' };
  private readonly protocol: SignedProtocol<CarrierCredentials, GhtkRequest>;
  private readonly client: SignedClient<CarrierCredentials, GhtkRequest>;

  constructor(private readonly options: { baseUrl: string; clientSource: string; timeoutMs: number }) {
    this.protocol = ghtkProtocol(options.baseUrl, options.clientSource);
    this.client = new SignedClient(this.protocol, { timeoutMs: options.timeoutMs });
  }

  credentialProblems(): Array<{ field: string; message: string }> {
    return [];
  }

  masterData(): null {
    return null;
  }

  /** GET /services/shipment/fee (calculate-shipping-fee): `fee.delivery` false means GHTK does not deliver there. */
  async quote(credentials: CarrierCredentials, request: QuoteRequest): Promise<PlatformResult<Quote>> {
    const answer = await this.client.send<{ fee?: { fee?: unknown; delivery?: unknown } }>(credentials, {
      method: 'GET',
      path: '/services/shipment/fee',
      query: {
        pick_province: request.from.provinceName,
        pick_district: request.from.districtName,
        pick_ward: request.from.wardName,
        province: request.to.provinceName,
        district: request.to.districtName,
        ward: request.to.wardName,
        weight: request.weightGrams,
        value: request.insuredValue,
        deliver_option: 'none',
      },
    });
    if (!answer.ok) return answer;
    const fee = answer.value.fee;
    if (fee?.delivery === false) return permanent(ROUTE_UNSERVED, 'GHTK does not deliver to this address.');
    if (typeof fee?.fee !== 'number') return permanent('bad_response', 'GHTK answered a fee without its amount.');
    return ok({ fee: fee.fee });
  }

  /** POST /services/shipment/order (submit-order-express); `order.id` is our code, which GHTK keeps unique. */
  async createShipment(credentials: CarrierCredentials, request: ShipmentRequest): Promise<PlatformResult<BookedShipment>> {
    const created = await this.client.send<{ order?: { label?: unknown; fee?: unknown; estimated_deliver_time?: unknown } }>(credentials, {
      method: 'POST',
      path: '/services/shipment/order',
      query: { ver: '1.5' },
      body: {
        products: request.items.map((i) => ({ name: i.name, weight: i.weightGrams / 1000, quantity: i.quantity, product_code: i.code, price: i.price })),
        order: {
          id: request.clientOrderCode,
          pick_name: request.pickup.name,
          pick_address: request.pickup.addressLine,
          pick_province: request.from.provinceName,
          pick_district: request.from.districtName,
          pick_ward: request.from.wardName,
          pick_tel: request.pickup.phone,
          name: request.recipient.name,
          tel: request.recipient.phone,
          address: request.recipient.addressLine,
          province: request.to.provinceName,
          district: request.to.districtName,
          ward: request.to.wardName,
          hamlet: 'Khác',
          // The buyer paid the fee to us at checkout: GHTK collects only the COD amount.
          is_freeship: '1',
          pick_money: request.codAmount,
          value: request.insuredValue,
        },
      },
    });
    if (created.ok) {
      const order = created.value.order;
      if (typeof order?.label !== 'string') return permanent('bad_response', 'GHTK answered a new order without its label.');
      return ok({ trackingNumber: order.label, ...(typeof order.fee === 'number' ? { fee: order.fee } : {}) });
    }
    if (created.retryable) return created;
    // A refusal may be GHTK refusing our code a second time: an earlier attempt got through and its answer was lost.
    const found = await this.find(credentials, request.clientOrderCode);
    return found.ok && found.value ? ok(found.value) : created;
  }

  /** GET /services/shipment/v2/partner_id:{code} (tracking-status); GHTK refuses a code it does not know, which reads as none. */
  async find(credentials: CarrierCredentials, clientOrderCode: string): Promise<PlatformResult<BookedShipment | null>> {
    const found = await this.client.send<{ order?: { label_id?: unknown; ship_money?: unknown } }>(credentials, {
      method: 'GET',
      path: `/services/shipment/v2/partner_id:${encodeURIComponent(clientOrderCode)}`,
    });
    if (!found.ok) return found.retryable ? found : ok(null);
    const order = found.value.order;
    if (typeof order?.label_id !== 'string') return ok(null);
    return ok({ trackingNumber: order.label_id, ...(typeof order.ship_money === 'number' ? { fee: order.ship_money } : {}) });
  }

  /** POST /services/shipment/cancel/{label} (api-cancel-order): only before pickup (states 1, 2 and 12); a refusal says why. */
  async cancel(credentials: CarrierCredentials, trackingNumber: string): Promise<PlatformResult<void>> {
    const answer = await this.client.send<unknown>(credentials, { method: 'POST', path: `/services/shipment/cancel/${encodeURIComponent(trackingNumber)}` });
    return answer.ok ? ok(undefined) : answer;
  }

  /** GET /services/label/{label} (print-label): a PDF per parcel, so one label at a time. */
  async label(credentials: CarrierCredentials, trackingNumbers: string[]): Promise<PlatformResult<{ pdf: Buffer }>> {
    if (trackingNumbers.length !== 1) return permanent('one_label_at_a_time', 'GHTK prints one label per request.');
    const request: GhtkRequest = { method: 'GET', path: `/services/label/${encodeURIComponent(trackingNumbers[0])}` };
    const { url, init } = this.protocol.prepare(credentials, request, new Date());
    // The shared client reads text; a PDF is bytes, so this one call reads the answer itself.
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch {
      return retryable('network', `GHTK did not answer within ${this.options.timeoutMs} ms.`);
    }
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('application/pdf'))
      return ok({ pdf: Buffer.from(await response.arrayBuffer()) });
    if (response.status >= 500) return retryable(`http_${response.status}`, `GHTK answered HTTP ${response.status}.`);
    const answer = this.protocol.read(response, await response.text(), request, new Date());
    return permanent(
      answer.kind === 'error' ? answer.code : `http_${response.status}`,
      answer.kind === 'error' && answer.message ? answer.message : 'GHTK sent no label.',
    );
  }

  /** GHTK posts form-encoded fields (webhook page); the hash it was given travels in our URL's query. */
  readWebhook(delivery: WebhookDelivery): CarrierStatusUpdate | null {
    const form = new URLSearchParams(delivery.rawBody.toString('utf8'));
    const trackingNumber = form.get('label_id');
    const statusId = form.get('status_id');
    const at = new Date(form.get('action_time') ?? '');
    if (!trackingNumber || statusId === null || Number.isNaN(at.getTime())) return null;
    const codAmount = Number(form.get('pick_money') ?? NaN);
    return {
      trackingNumber,
      ...(form.get('partner_id') ? { clientOrderCode: form.get('partner_id')! } : {}),
      status: STATUS[statusId] ?? null,
      carrierStatus: statusId,
      at,
      ...(Number.isFinite(codAmount) ? { codAmount } : {}),
    };
  }
}
