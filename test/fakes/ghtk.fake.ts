import type http from 'node:http';
import { formerPlaces, samePlaceName, type FormerPlace } from './carrier-places.js';
import { CarrierFake } from './carrier-fake.js';
import { parseBody, postUntilOk, readBody, startFakeServer, type FakeServer, type RecordedCall } from './fake-server.js';

/**
 * Giao Hàng Tiết Kiệm's API as its documents describe it
 * (https://docs.giaohangtietkiem.vn/en/docs/submit-order/): `Token` and `X-Client-Source` on every
 * call, `{success, message, …}` envelopes, places named (province, district, ward) rather than
 * numbered, `fee.delivery` false for an address it does not serve, the partner's order id unique,
 * one PDF per label, and status webhooks posted form-encoded to the URL the partner registered
 * (with its `hash`), once more when the answer is not 200.
 */
export interface GhtkCall extends RecordedCall {
  query: Record<string, string>;
  body: Record<string, unknown>;
  token: string;
  clientSource: string;
}

export interface GhtkOrder {
  label: string;
  partnerId: string;
  token: string;
  pickMoney: number;
  fee: number;
  statusId: number;
  order: Record<string, unknown>;
}

export class GhtkFake extends CarrierFake {
  readonly calls: GhtkCall[] = [];
  readonly orders = new Map<string, GhtkOrder>();
  /** Communes (by old code) GHTK does not deliver to. */
  readonly unservedWards = new Set<string>();
  private readonly places: FormerPlace[] = formerPlaces();
  private sequence = 0;

  private constructor(
    server: FakeServer,
    private readonly tokens: Set<string>,
    private readonly clientSource: string,
  ) {
    super(server);
  }

  static async start(options: { tokens: string[]; clientSource: string }): Promise<GhtkFake> {
    let fake: GhtkFake | undefined;
    const server = await startFakeServer(
      (req, res) => fake!.handle(req, res),
      (error) => ({ success: false, message: String(error) }),
    );
    fake = new GhtkFake(server, new Set(options.tokens), options.clientSource);
    return fake;
  }

  callsTo(pathPrefix: string): GhtkCall[] {
    return this.calls.filter((c) => c.path.startsWith(pathPrefix));
  }

  /**
   * Posts a status change as GHTK does: form fields to the registered URL (which carries the
   * partner's `hash`), sent once more when the answer is not 200. Returns the statuses answered.
   */
  async pushStatus(url: string, label: string, statusId: number, options: { actionTime?: Date; pickMoney?: number } = {}): Promise<number[]> {
    const order = this.orders.get(label);
    if (!order) throw new Error(`no GHTK order ${label}`);
    order.statusId = statusId;
    const form = new URLSearchParams({
      label_id: order.label,
      partner_id: order.partnerId,
      action_time: (options.actionTime ?? new Date()).toISOString(),
      status_id: String(statusId),
      reason_code: '',
      reason: '',
      weight: String(Number(order.order.weight ?? 0)),
      fee: String(order.fee),
      pick_money: String(options.pickMoney ?? order.pickMoney),
      return_part_package: '0',
    });
    return postUntilOk(url, { contentType: 'application/x-www-form-urlencoded', body: form.toString() }, 2, 20);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = (await parseBody(await readBody(req), 'application/json')).json;
    const call: GhtkCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 0,
      query: Object.fromEntries(url.searchParams),
      body,
      token: String(req.headers.token ?? ''),
      clientSource: String(req.headers['x-client-source'] ?? ''),
    };
    this.calls.push(call);
    const answer = (status: number, envelope: Record<string, unknown>) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(envelope));
    };
    const refuse = (message: string, errorCode?: string) =>
      answer(200, { success: false, message, ...(errorCode ? { error_code: errorCode } : {}), log_id: `log${this.calls.length}` });
    const failed = this.faults.strike(call, res, (fault) =>
      ({
        http500: () => answer(500, { success: false, message: 'Internal Server Error' }),
        http503: () => answer(503, { success: false, message: 'Service Unavailable' }),
        rate_limit: () => answer(429, { success: false, message: 'Too Many Requests' }),
        timeout: () => answer(504, { success: false, message: 'Gateway Timeout' }),
      })[fault](),
    );
    if (failed) return;
    if (!this.tokens.has(call.token)) return answer(401, { success: false, message: 'Token không hợp lệ', error_code: '40001' });
    if (call.clientSource !== this.clientSource) return answer(401, { success: false, message: 'X-Client-Source không hợp lệ' });

    if (req.method === 'GET' && url.pathname === '/services/shipment/fee') {
      const q = call.query;
      const missing = ['pick_province', 'pick_district', 'province', 'district', 'weight', 'deliver_option'].filter((f) => !q[f]);
      if (missing.length > 0) return refuse(`Thiếu thông tin: ${missing.join(', ')}`);
      const from = this.find(q.pick_province, q.pick_district, q.pick_ward);
      const to = this.find(q.province, q.district, q.ward);
      if (!from || !to) return refuse('Địa chỉ không hợp lệ');
      const served = !this.unservedWards.has(to.communeCode);
      const fee = served ? this.fee(from, to, Number(q.weight)) : 0;
      return answer(200, {
        success: true,
        message: 'Thành công',
        fee: { name: 'area1', fee, insurance_fee: 0, delivery_type: 'area1', a: 1, dt: 'local', extFees: [], delivery: served },
      });
    }
    if (req.method === 'POST' && url.pathname === '/services/shipment/order') {
      const order = (body.order ?? {}) as Record<string, unknown>;
      const products = body.products;
      const required = [
        'id',
        'pick_name',
        'pick_money',
        'pick_address',
        'pick_province',
        'pick_district',
        'pick_tel',
        'tel',
        'name',
        'address',
        'province',
        'district',
        'hamlet',
      ];
      const missing = required.filter((f) => order[f] === undefined || order[f] === '');
      if (!Array.isArray(products) || products.length === 0) missing.push('products');
      if (missing.length > 0) return refuse(`Thiếu thông tin: ${missing.join(', ')}`);
      const partnerId = String(order.id);
      if ([...this.orders.values()].some((o) => o.partnerId === partnerId && o.token === call.token))
        return refuse(`Mã đơn hàng ${partnerId} đã tồn tại`, 'ORDER_ID_EXIST');
      const from = this.find(String(order.pick_province), String(order.pick_district), order.pick_ward as string | undefined);
      const to = this.find(String(order.province), String(order.district), order.ward as string | undefined);
      if (!from || !to) return refuse('Địa chỉ không hợp lệ');
      if (this.unservedWards.has(to.communeCode)) return refuse('GHTK chưa hỗ trợ giao đến địa chỉ này');
      const grams = (products as Array<{ weight?: number; quantity?: number }>).reduce(
        (sum, p) => sum + Number(p.weight ?? 0) * 1000 * Number(p.quantity ?? 1),
        0,
      );
      const fee = this.fee(from, to, grams);
      const label = `S1.A1.${17373470 + ++this.sequence}`;
      this.orders.set(label, {
        label,
        partnerId,
        token: call.token,
        pickMoney: Number(order.pick_money),
        fee,
        statusId: 2,
        order: { ...order, weight: grams / 1000 },
      });
      return answer(200, {
        success: true,
        message: '',
        order: {
          partner_id: partnerId,
          label,
          area: '1',
          fee: String(fee),
          insurance_fee: '0',
          estimated_pick_time: 'Sáng 2026-12-08',
          estimated_deliver_time: 'Chiều 2026-12-09',
          products: [],
          status_id: 2,
        },
      });
    }
    const tracking = /^\/services\/shipment\/v2\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && tracking) {
      const order = this.byCode(decodeURIComponent(tracking[1]), call.token);
      if (!order) return refuse('Không tìm thấy đơn hàng');
      return answer(200, {
        success: true,
        message: '',
        order: { label_id: order.label, partner_id: order.partnerId, status: String(order.statusId), ship_money: order.fee, pick_money: order.pickMoney },
      });
    }
    const cancel = /^\/services\/shipment\/cancel\/(.+)$/.exec(url.pathname);
    if (req.method === 'POST' && cancel) {
      const order = this.byCode(decodeURIComponent(cancel[1]), call.token);
      if (!order) return refuse('Không tìm thấy đơn hàng');
      if (order.statusId === -1) return refuse('Đơn hàng đã đã ở trạng thái hủy');
      if (![1, 2, 12].includes(order.statusId)) return refuse('Đơn đã lấy hàng, không thể hủy đơn.');
      order.statusId = -1;
      return answer(200, { success: true, message: '', log_id: `log${this.calls.length}` });
    }
    const label = /^\/services\/label\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && label) {
      const order = this.byCode(decodeURIComponent(label[1]), call.token);
      if (!order) return answer(200, { success: false, message: 'Mã vận đơn không hợp lệ, không tìm thấy vận đơn', error_code: '40102' });
      call.status = 200;
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename=""' });
      res.end(Buffer.from(`%PDF-1.4\n% GHTK label ${order.label}\n%%EOF\n`, 'latin1'));
      return;
    }
    return answer(404, { success: false, message: 'Not Found' });
  }

  private byCode(code: string, token: string): GhtkOrder | undefined {
    const partner = code.startsWith('partner_id:') ? code.slice('partner_id:'.length) : null;
    return [...this.orders.values()].find((o) => o.token === token && (partner !== null ? o.partnerId === partner : o.label === code));
  }

  /** A commune by its names, as GHTK matches them (each may be written with or without its kind). */
  private find(province: string, district: string, ward: string | undefined): FormerPlace | undefined {
    return this.places.find(
      (p) =>
        samePlaceName(p.provinceName, province) &&
        (samePlaceName(p.districtName, district) || samePlaceName(p.districtBareName, district)) &&
        (ward === undefined || ward === '' || samePlaceName(p.communeName, ward) || samePlaceName(p.communeBareName, ward)),
    );
  }

  /** The fake's own tariff: by distance (same district or not), then 2,000 đ per started 500 g past the first. */
  private fee(from: FormerPlace, to: FormerPlace, grams: number): number {
    return (from.districtCode === to.districtCode ? 18_000 : 27_000) + Math.max(0, Math.ceil((grams - 500) / 500)) * 2_000;
  }
}
