/**
 * Giao Hàng Nhanh (GHN), from its published API documents at https://api.ghn.vn/home/docs:
 * every call carries the account's `Token` header (and `ShopId` for a shop's orders) and answers
 * `{code, message, data}` with `code` 200 on success. Places are GHN's district ids and ward codes
 * from its master data (province: detail?id=91, district: id=78, ward: id=61).
 */
import { ok, parseJsonObject, permanent, SignedClient, type PlatformAnswer, type PlatformResult, type SignedProtocol } from '@nongsan/core';
import {
  ROUTE_UNSERVED,
  type BookedShipment,
  type CarrierAdapter,
  type CarrierCredentials,
  type CarrierMasterData,
  type CarrierStatusUpdate,
  type CarrierUnit,
  type Quote,
  type QuoteRequest,
  type ShipmentRequest,
  type ShipmentStatus,
  type WebhookDelivery,
} from '../carrier-adapter.js';

interface GhnRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Calls about a shop's orders carry its ShopId header; master data does not. */
  shop?: boolean;
}

interface GhnEnvelope {
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

export function ghnProtocol(baseUrl: string): SignedProtocol<CarrierCredentials, GhnRequest> {
  return {
    name: 'GHN',
    prepare(credentials, request) {
      const headers: Record<string, string> = { 'content-type': 'application/json', Token: credentials.token };
      if (request.shop && credentials.shopId) headers.ShopId = credentials.shopId;
      return {
        url: `${baseUrl}${request.path}`,
        init: { method: request.method, headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) },
      };
    },
    read(_response, text): PlatformAnswer {
      const envelope = parseJsonObject<GhnEnvelope>(text);
      if (!envelope || typeof envelope.code !== 'number') return { kind: 'unreadable' };
      if (envelope.code === 200) return { kind: 'success', value: envelope.data };
      const message = typeof envelope.message === 'string' ? envelope.message : '';
      return { kind: 'error', code: String(envelope.code), message, ...(envelope.code >= 500 ? { meaning: 'transient' as const } : {}) };
    },
  };
}

/** GHN's order states (webhook `Status`, https://api.ghn.vn/home/docs/detail?id=47) folded into ours. */
const STATUS: Record<string, ShipmentStatus> = {
  ready_to_pick: 'booked',
  picking: 'booked',
  money_collect_picking: 'booked',
  picked: 'shipped',
  storing: 'shipped',
  transporting: 'shipped',
  sorting: 'shipped',
  delivering: 'shipped',
  money_collect_delivering: 'shipped',
  delivered: 'delivered',
  // The delivery failed: the parcel goes back to the shop, through these, until it is `returned`.
  waiting_to_return: 'returning',
  return: 'returning',
  return_transporting: 'returning',
  return_sorting: 'returning',
  returning: 'returning',
  returned: 'returned',
  cancel: 'cancelled',
};

/** GHN's "E-commerce delivery" service type (fee: detail?id=76; create: detail?id=63). */
const SERVICE_TYPE_ID = 2;
/** The fee and create calls need a box; our parcels are weighed, not measured, so a small carton is declared. */
const BOX_CM = { length: 20, width: 20, height: 10 };

export class GhnAdapter implements CarrierAdapter {
  readonly info = { carrier: 'ghn' as const, name: 'GHN' };
  private readonly client: SignedClient<CarrierCredentials, GhnRequest>;

  constructor(private readonly options: { baseUrl: string; timeoutMs: number }) {
    this.client = new SignedClient(ghnProtocol(options.baseUrl), { timeoutMs: options.timeoutMs });
  }

  credentialProblems(credentials: CarrierCredentials): Array<{ field: string; message: string }> {
    return credentials.shopId && /^\d{1,12}$/.test(credentials.shopId) ? [] : [{ field: 'shopId', message: 'GHN ShopId (a number)' }];
  }

  masterData(credentials: CarrierCredentials): CarrierMasterData {
    const units = async (request: GhnRequest, read: (row: Record<string, unknown>) => CarrierUnit): Promise<PlatformResult<CarrierUnit[]>> => {
      const answer = await this.client.send<unknown>(credentials, request);
      if (!answer.ok) return answer;
      return ok((Array.isArray(answer.value) ? (answer.value as Array<Record<string, unknown>>) : []).map(read));
    };
    const aliases = (row: Record<string, unknown>) =>
      Array.isArray(row.NameExtension) ? row.NameExtension.filter((n): n is string => typeof n === 'string') : [];
    // Status 2 is "locked" and SupportType 0 "lock" (district: detail?id=78, ward: detail?id=61).
    const served = (row: Record<string, unknown>) => row.Status !== 2 && row.SupportType !== 0;
    return {
      provinces: () =>
        units({ method: 'GET', path: '/shiip/public-api/master-data/province' }, (row) => ({
          id: String(row.ProvinceID),
          name: String(row.ProvinceName),
          aliases: aliases(row),
          served: row.Status !== 2,
        })),
      districts: (provinceId) =>
        units({ method: 'POST', path: '/shiip/public-api/master-data/district', body: { province_id: Number(provinceId) } }, (row) => ({
          id: String(row.DistrictID),
          name: String(row.DistrictName),
          aliases: aliases(row),
          served: served(row),
        })),
      wards: (districtId) =>
        units(
          {
            method: 'POST',
            path: `/shiip/public-api/master-data/ward?district_id=${encodeURIComponent(districtId)}`,
            body: { district_id: Number(districtId) },
          },
          (row) => ({
            id: String(row.WardCode),
            name: String(row.WardName),
            aliases: aliases(row),
            served: served(row),
          }),
        ),
    };
  }

  async quote(credentials: CarrierCredentials, request: QuoteRequest): Promise<PlatformResult<Quote>> {
    const answer = await this.client.send<{ total?: unknown }>(credentials, {
      method: 'POST',
      path: '/shiip/public-api/v2/shipping-order/fee',
      shop: true,
      body: {
        service_type_id: SERVICE_TYPE_ID,
        from_district_id: request.from.districtId,
        from_ward_code: request.from.wardCode,
        to_district_id: request.to.districtId,
        to_ward_code: request.to.wardCode,
        weight: request.weightGrams,
        ...BOX_CM,
        insurance_value: request.insuredValue,
        coupon: null,
      },
    });
    if (!answer.ok) return answer.retryable || answer.code !== '400' ? answer : permanent(ROUTE_UNSERVED, answer.message);
    if (typeof answer.value?.total !== 'number') return permanent('bad_response', 'GHN answered a fee without its total.');
    return ok({ fee: answer.value.total });
  }

  async createShipment(credentials: CarrierCredentials, request: ShipmentRequest): Promise<PlatformResult<BookedShipment>> {
    const created = await this.client.send<{ order_code?: unknown; total_fee?: unknown; expected_delivery_time?: unknown }>(credentials, {
      method: 'POST',
      path: '/shiip/public-api/v2/shipping-order/create',
      shop: true,
      body: {
        payment_type_id: 1, // 1: the shop pays GHN's fee (the buyer paid it to us at checkout)
        required_note: 'KHONGCHOXEMHANG',
        client_order_code: request.clientOrderCode,
        from_name: request.pickup.name,
        from_phone: request.pickup.phone,
        from_address: request.pickup.addressLine,
        from_ward_name: request.from.wardName,
        from_district_name: request.from.districtName,
        from_province_name: request.from.provinceName,
        to_name: request.recipient.name,
        to_phone: request.recipient.phone,
        to_address: request.recipient.addressLine,
        to_ward_code: request.to.wardCode,
        to_district_id: request.to.districtId,
        cod_amount: request.codAmount,
        insurance_value: request.insuredValue,
        weight: request.weightGrams,
        ...BOX_CM,
        service_type_id: SERVICE_TYPE_ID,
        items: request.items.map((i) => ({ name: i.name, code: i.code, quantity: i.quantity, price: i.price, weight: i.weightGrams })),
      },
    });
    if (created.ok) {
      const order = created.value;
      if (typeof order?.order_code !== 'string') return permanent('bad_response', 'GHN answered a new order without its order_code.');
      return ok({
        trackingNumber: order.order_code,
        ...(typeof order.total_fee === 'number' ? { fee: order.total_fee } : {}),
        ...(typeof order.expected_delivery_time === 'string' ? { estimatedDeliveryDate: order.expected_delivery_time.slice(0, 10) } : {}),
      });
    }
    if (created.retryable) return created;
    // GHN keeps client_order_code unique: a refusal may mean an earlier attempt got through and its answer was lost.
    const found = await this.find(credentials, request.clientOrderCode);
    return found.ok && found.value ? ok(found.value) : created;
  }

  /** The order booked under our code (detail?id=119); GHN refuses a code it does not know, which reads as none. */
  async find(credentials: CarrierCredentials, clientOrderCode: string): Promise<PlatformResult<BookedShipment | null>> {
    const found = await this.client.send<unknown>(credentials, {
      method: 'POST',
      path: '/shiip/public-api/v2/shipping-order/detail-by-client-code',
      body: { client_order_code: clientOrderCode },
    });
    if (!found.ok) return found.retryable ? found : ok(null);
    const order = (Array.isArray(found.value) ? found.value[0] : found.value) as { order_code?: unknown } | undefined;
    return ok(typeof order?.order_code === 'string' ? { trackingNumber: order.order_code } : null);
  }

  /** switch-status/cancel (detail?id=73): one result per order code; GHN cancels only before pickup. */
  async cancel(credentials: CarrierCredentials, trackingNumber: string): Promise<PlatformResult<void>> {
    const answer = await this.client.send<Array<{ result?: unknown; message?: unknown }>>(credentials, {
      method: 'POST',
      path: '/shiip/public-api/v2/switch-status/cancel',
      shop: true,
      body: { order_codes: [trackingNumber] },
    });
    if (!answer.ok) return answer;
    const row = Array.isArray(answer.value) ? answer.value[0] : undefined;
    return row?.result === true ? ok(undefined) : permanent('cancel_refused', typeof row?.message === 'string' ? row.message : 'GHN did not cancel the order.');
  }

  /** One print token for all of them (detail?id=67), valid 30 minutes, opened on GHN's A5 print page. */
  async label(credentials: CarrierCredentials, trackingNumbers: string[]): Promise<PlatformResult<{ url: string }>> {
    const answer = await this.client.send<{ token?: unknown }>(credentials, {
      method: 'POST',
      path: '/shiip/public-api/v2/a5/gen-token',
      body: { order_codes: trackingNumbers },
    });
    if (!answer.ok) return answer;
    if (typeof answer.value?.token !== 'string') return permanent('bad_response', 'GHN answered without a print token.');
    return ok({ url: `${this.options.baseUrl}/a5/public-api/printA5?token=${encodeURIComponent(answer.value.token)}` });
  }

  /** GHN posts JSON (detail?id=47) and posts again, ten times, until it gets a 200. */
  readWebhook(delivery: WebhookDelivery): CarrierStatusUpdate | null {
    const body = parseJsonObject<Record<string, unknown>>(delivery.rawBody.toString('utf8'));
    if (!body || typeof body.OrderCode !== 'string' || typeof body.Status !== 'string') return null;
    const at = typeof body.Time === 'string' ? new Date(body.Time) : new Date(NaN);
    if (Number.isNaN(at.getTime())) return null;
    return {
      trackingNumber: body.OrderCode,
      ...(typeof body.ClientOrderCode === 'string' && body.ClientOrderCode ? { clientOrderCode: body.ClientOrderCode } : {}),
      status: STATUS[body.Status] ?? null,
      carrierStatus: body.Status,
      at,
      ...(typeof body.CODAmount === 'number' ? { codAmount: body.CODAmount } : {}),
    };
  }
}
