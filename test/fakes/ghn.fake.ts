import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { formerPlaces, type FormerPlace } from './carrier-places.js';
import { CarrierFake } from './carrier-fake.js';
import { parseBody, postUntilOk, readBody, startFakeServer, type FakeServer, type RecordedCall } from './fake-server.js';

/**
 * Giao Hàng Nhanh's API as its documents describe it (https://api.ghn.vn/home/docs): the `Token`
 * header on every call and `ShopId` on a shop's orders, `{code, message, data}` envelopes with
 * code 200 on success and 400/401 refusals in the same shape, master data keyed by GHN's own
 * province and district ids and ward codes (the former units), fee and create checking their
 * required fields, client_order_code unique, one print token for many orders, and status
 * webhooks posted as JSON again until the receiver answers 200.
 */
export interface GhnCall extends RecordedCall {
  body: Record<string, unknown>;
  token: string;
  shopId: string | undefined;
}

export interface GhnOrder {
  orderCode: string;
  clientOrderCode: string;
  shopId: string;
  codAmount: number;
  totalFee: number;
  status: string;
  body: Record<string, unknown>;
}

const PROVINCE_ID = 262;
/** GHN's district ids are its own: the fake derives them from the former district codes. */
const districtId = (code: string) => 3000 + Number(code);

export class GhnFake extends CarrierFake {
  readonly calls: GhnCall[] = [];
  readonly orders = new Map<string, GhnOrder>();
  /** Commune codes GHN does not deliver to (SupportType 0, Status 2: locked). */
  readonly lockedWards = new Set<string>();
  private readonly places: FormerPlace[] = formerPlaces();
  private printTokens = new Map<string, string[]>();
  private sequence = 0;

  private constructor(
    server: FakeServer,
    /** token → the shop ids it may act for. */
    private readonly accounts: Map<string, string[]>,
  ) {
    super(server);
  }

  static async start(options: { accounts: Array<{ token: string; shopId: string }> }): Promise<GhnFake> {
    const accounts = new Map<string, string[]>();
    for (const a of options.accounts) accounts.set(a.token, [...(accounts.get(a.token) ?? []), a.shopId]);
    let fake: GhnFake | undefined;
    const server = await startFakeServer(
      (req, res) => fake!.handle(req, res),
      (error) => ({ code: 500, message: String(error), data: null }),
    );
    fake = new GhnFake(server, accounts);
    return fake;
  }

  /** The next `n` orders are created, then their answer is lost (the connection drops). */
  dropNextCreates(n: number): void {
    this.faults.dropNext('/shiip/public-api/v2/shipping-order/create', n);
  }

  callsTo(path: string): GhnCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** The commune (old code) GHN knows by this ward code, for tests that name places. */
  place(communeCode: string): FormerPlace {
    return this.places.find((p) => p.communeCode === communeCode)!;
  }

  /**
   * Posts a status change of one order to `url` as GHN does (JSON, Type switch_status), again until
   * it answers 200, at most ten times (GHN waits 5 s between tries; the fake `retryDelayMs`).
   * Returns every HTTP status the receiver answered.
   */
  async pushStatus(
    url: string,
    orderCode: string,
    status: string,
    options: { time?: Date; codAmount?: number; retryDelayMs?: number } = {},
  ): Promise<number[]> {
    const order = this.orders.get(orderCode);
    if (!order) throw new Error(`no GHN order ${orderCode}`);
    order.status = status;
    const body = JSON.stringify({
      CODAmount: options.codAmount ?? order.codAmount,
      CODTransferDate: null,
      ClientOrderCode: order.clientOrderCode,
      ConvertedWeight: order.body.weight,
      Description: status,
      Fee: { MainService: order.totalFee, Insurance: 0, Total: order.totalFee },
      OrderCode: order.orderCode,
      PaymentType: order.body.payment_type_id,
      Reason: '',
      ReasonCode: '',
      ShopID: Number(order.shopId),
      Status: status,
      Time: (options.time ?? new Date()).toISOString(),
      TotalFee: order.totalFee,
      Type: 'switch_status',
      Weight: order.body.weight,
    });
    return postUntilOk(url, { contentType: 'application/json', body }, 10, options.retryDelayMs ?? 20);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = (await parseBody(await readBody(req), 'application/json')).json;
    const call: GhnCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 0,
      body,
      token: String(req.headers.token ?? ''),
      shopId: req.headers.shopid as string | undefined,
    };
    this.calls.push(call);
    const answer = (status: number, envelope: { code: number; message: string; data: unknown; code_message?: string }) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(envelope));
    };
    const success = (data: unknown) => answer(200, { code: 200, message: 'Success', data });
    const refuse = (message: string) => answer(400, { code: 400, message, data: null, code_message: 'USER_ERR_COMMON' });

    if (url.pathname === '/a5/public-api/printA5') {
      const codes = this.printTokens.get(url.searchParams.get('token') ?? '');
      call.status = codes ? 200 : 404;
      res.writeHead(call.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(codes ? `<html><body>${codes.map((c) => `<section>${c}</section>`).join('')}</body></html>` : 'Not Found');
      return;
    }
    const failed = this.faults.strike(call, res, (fault) =>
      ({
        http500: () => answer(500, { code: 500, message: 'Internal Server Error', data: null }),
        http503: () => answer(503, { code: 503, message: 'Service Unavailable', data: null }),
        rate_limit: () => answer(429, { code: 429, message: 'Too Many Requests', data: null }),
        timeout: () => answer(504, { code: 504, message: 'Gateway Timeout', data: null }),
      })[fault](),
    );
    if (failed) return;
    const shops = this.accounts.get(call.token);
    if (!shops) return answer(401, { code: 401, message: 'code=401, message=Token is not valid!', data: null });
    const needsShop = [
      '/shiip/public-api/v2/shipping-order/fee',
      '/shiip/public-api/v2/shipping-order/create',
      '/shiip/public-api/v2/switch-status/cancel',
    ].includes(url.pathname);
    if (needsShop && (!call.shopId || !shops.includes(call.shopId))) return refuse('ShopId không hợp lệ hoặc không thuộc tài khoản này');

    switch (url.pathname) {
      case '/shiip/public-api/master-data/province':
        return success([
          {
            ProvinceID: PROVINCE_ID,
            ProvinceName: 'Bình Định',
            CountryID: 1,
            Code: '52',
            NameExtension: ['Bình Định', 'Tỉnh Bình Định', 'binhdinh'],
            IsEnable: 1,
            Status: 1,
          },
        ]);
      case '/shiip/public-api/master-data/district': {
        if (Number(body.province_id) !== PROVINCE_ID) return success([]);
        const districts = new Map(this.places.map((p) => [p.districtCode, p]));
        return success(
          [...districts.values()].map((p) => ({
            DistrictID: districtId(p.districtCode),
            ProvinceID: PROVINCE_ID,
            DistrictName: p.districtName,
            Code: p.districtCode,
            Type: 3,
            SupportType: 3,
            NameExtension: [p.districtName, p.districtBareName],
            Status: 1,
          })),
        );
      }
      case '/shiip/public-api/master-data/ward': {
        const id = Number(url.searchParams.get('district_id') ?? body.district_id);
        return success(
          this.places
            .filter((p) => districtId(p.districtCode) === id)
            .map((p) => {
              const locked = this.lockedWards.has(p.communeCode);
              return {
                WardCode: p.communeCode,
                DistrictID: id,
                WardName: p.communeName,
                NameExtension: [p.communeName, p.communeBareName],
                CanUpdateCOD: true,
                SupportType: locked ? 0 : 3,
                Status: locked ? 2 : 1,
              };
            }),
        );
      }
      case '/shiip/public-api/v2/shipping-order/fee': {
        const missing = ['to_district_id', 'to_ward_code'].filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
        if (missing.length > 0) return refuse(`${missing.join(', ')} is required`);
        const route = this.route(body.from_district_id, body.from_ward_code, body.to_district_id, body.to_ward_code);
        if (typeof route === 'string') return refuse(route);
        const total = this.fee(route, Number(body.weight ?? 0));
        return success({
          total,
          service_fee: total,
          insurance_fee: 0,
          pick_station_fee: 0,
          coupon_value: 0,
          r2s_fee: 0,
          return_again: 0,
          document_return: 0,
          double_check: 0,
          cod_fee: 0,
          pick_remote_areas_fee: 0,
          deliver_remote_areas_fee: 0,
          cod_failed_fee: 0,
        });
      }
      case '/shiip/public-api/v2/shipping-order/create': {
        const required = [
          'to_name',
          'to_phone',
          'to_address',
          'to_ward_code',
          'to_district_id',
          'weight',
          'service_type_id',
          'payment_type_id',
          'required_note',
          'items',
        ];
        const missing = required.filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
        if (missing.length > 0) return refuse(`${missing.join(', ')} is required`);
        const clientOrderCode = String(body.client_order_code ?? '');
        if (clientOrderCode && [...this.orders.values()].some((o) => o.clientOrderCode === clientOrderCode))
          return refuse(`Mã đơn hàng của khách hàng (client_order_code) ${clientOrderCode} đã tồn tại`);
        const route = this.route(undefined, undefined, body.to_district_id, body.to_ward_code);
        if (typeof route === 'string') return refuse(route);
        const totalFee = this.fee(route, Number(body.weight));
        const orderCode = `GHN${String(++this.sequence).padStart(5, '0')}${randomUUID().slice(0, 3).toUpperCase()}`;
        this.orders.set(orderCode, {
          orderCode,
          clientOrderCode,
          shopId: call.shopId!,
          codAmount: Number(body.cod_amount ?? 0),
          totalFee,
          status: 'ready_to_pick',
          body,
        });
        const expected = new Date(Date.now() + 3 * 86_400_000).toISOString();
        if (this.faults.dropAnswer(url.pathname, call, req)) return;
        return success({
          order_code: orderCode,
          sort_code: '19-20-01',
          trans_type: 'truck',
          ward_encode: '',
          district_encode: '',
          fee: { main_service: totalFee, insurance: 0, station_do: 0, station_pu: 0, return: 0, r2s: 0, coupon: 0 },
          total_fee: totalFee,
          expected_delivery_time: expected,
        });
      }
      case '/shiip/public-api/v2/shipping-order/detail-by-client-code': {
        const order = [...this.orders.values()].find((o) => o.clientOrderCode === body.client_order_code);
        if (!order) return refuse('Lỗi gọi API: corev2_tenant_order_detail - code=404, message=Đơn hàng không tồn tại');
        return success([
          {
            shop_id: Number(order.shopId),
            order_code: order.orderCode,
            client_order_code: order.clientOrderCode,
            cod_amount: order.codAmount,
            status: order.status,
          },
        ]);
      }
      case '/shiip/public-api/v2/switch-status/cancel': {
        const codes = Array.isArray(body.order_codes) ? (body.order_codes as string[]) : [];
        return success(
          codes.map((code) => {
            const order = this.orders.get(code);
            // GHN cancels a shop's own orders, and only before pickup.
            const cancellable =
              order !== undefined && order.shopId === call.shopId && ['ready_to_pick', 'picking', 'money_collect_picking'].includes(order.status);
            if (cancellable) order.status = 'cancel';
            return { order_code: code, result: cancellable, message: cancellable ? 'OK' : 'Đơn hàng không thể hủy' };
          }),
        );
      }
      case '/shiip/public-api/v2/a5/gen-token': {
        const codes = Array.isArray(body.order_codes) ? (body.order_codes as string[]) : [];
        if (codes.length === 0 || codes.some((c) => !this.orders.has(c)))
          return refuse('Lỗi gọi API: corev2_tenant_order_detail - code=404, message=Đơn hàng không tồn tại');
        const token = randomUUID();
        this.printTokens.set(token, codes);
        return success({ token });
      }
      default:
        return answer(404, { code: 404, message: 'code=404, message=Not Found', data: null });
    }
  }

  /** How far a parcel goes, or GHN's refusal: 0 the same ward, 1 the same district, 2 elsewhere in the province. */
  private route(fromDistrict: unknown, fromWard: unknown, toDistrict: unknown, toWard: unknown): number | string {
    const to = this.places.find((p) => p.communeCode === toWard && districtId(p.districtCode) === Number(toDistrict));
    if (!to) return `Phường/xã ${String(toWard)} không thuộc quận/huyện ${String(toDistrict)}`;
    if (this.lockedWards.has(to.communeCode)) return `Tuyến giao đến ${to.communeName} tạm ngưng`;
    if (fromDistrict === undefined) return 1;
    const from = this.places.find((p) => p.communeCode === fromWard && districtId(p.districtCode) === Number(fromDistrict));
    if (!from) return `Phường/xã lấy hàng ${String(fromWard)} không thuộc quận/huyện ${String(fromDistrict)}`;
    return from.communeCode === to.communeCode ? 0 : from.districtCode === to.districtCode ? 1 : 2;
  }

  /** A price list of the fake's own: by distance, then 2,500 đ per started 500 g past the first. */
  private fee(route: number, grams: number): number {
    return [16_500, 22_000, 30_500][route] + Math.max(0, Math.ceil((grams - 500) / 500)) * 2_500;
  }
}
