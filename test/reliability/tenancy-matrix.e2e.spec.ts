import type { Test } from 'supertest';
import { Role } from '@nongsan/core';
import { GhnFake } from '../fakes/ghn.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { StripeFake } from '../fakes/stripe.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { daysFromToday } from '../harness/dates.js';
import { newTaxCode, PDF } from '../harness/fixtures.js';
import { changedTables, fingerprint } from './support/db-watch.js';
import { report } from './support/report.js';
import { buildWorld, MARK, secretsOf, type World } from './support/world.js';

/**
 * OWASP API1 (broken object-level authorization), driven by the OpenAPI document: every route the
 * app documents must have an entry below, and every entry must still be a documented route. A new
 * route without an entry fails the first test, so the matrix cannot silently go stale.
 *
 * Kinds:
 * - `cooperative`: a cooperative's resource. Owner = its coop_admin. Another cooperative's admin and
 *   a buyer get 404 (the resource does not exist for them), anonymous 401.
 * - `buyer`: a buyer's own purchase. Owner = the buyer who made it. Another cooperative's admin and
 *   another buyer get 404, anonymous 401.
 * - `official`: the Department's routes. Owner = an official; a coop admin and a buyer get 403,
 *   anonymous 401.
 * - `self`: the caller's own things (/me…). Everyone signed in gets 200 with their own, never the
 *   owner's; anonymous 401.
 * - `signed-in`: creates something new for the caller (a cooperative, a checkout); anonymous 401.
 * - `public`: no owner; answered to anonymous callers. Shown only what is public.
 * - `capability`: a secret in the URL or a signature is the credential (feeds, webhooks).
 *
 * For every kind but `public`, the strangers' calls run first and must leave the database exactly as
 * it was (a digest of every table) and say nothing of tenant A (markers, e-mails, ids); then the
 * owner's call must succeed — proof the route was reached with valid input.
 */

type Kind = 'cooperative' | 'buyer' | 'official' | 'self' | 'signed-in' | 'public' | 'capability';
type Stranger = 'otherAdmin' | 'buyer' | 'anonymous';
type Params = Record<string, string>;

interface Call {
  params?: Params;
  query?: Record<string, string | number>;
  body?: unknown;
  /** multipart: fields and one file */
  form?: { fields?: Record<string, string>; file?: { field: string; content: Buffer; name: string; type: string } };
  headers?: Record<string, string>;
}

interface Entry {
  kind: Kind;
  /** The call (made fresh for each caller when it needs its own records). */
  call?: (w: World) => Call | Promise<Call>;
  /** When the owner's call consumes its record (delete, state change), strangers and owner get one each. */
  freshPerCaller?: boolean;
  ownerStatus?: number;
  /** Who the owner is, when not the kind's default. */
  owner?: (w: World) => Session;
  /** Answers that differ from the kind's default. */
  strangers?: Partial<Record<Stranger, number>>;
}

const KIND_DEFAULTS: Record<Kind, Partial<Record<Stranger, number>>> = {
  cooperative: { otherAdmin: 404, buyer: 404, anonymous: 401 },
  buyer: { otherAdmin: 404, buyer: 404, anonymous: 401 },
  official: { otherAdmin: 403, buyer: 403, anonymous: 401 },
  self: { otherAdmin: 200, buyer: 200, anonymous: 401 },
  'signed-in': { anonymous: 401 },
  public: {},
  capability: {},
};

const METRICS_TOKEN = 'matrix-metrics-token-0123456789';
const GHN_TOKEN = 'matrix-ghn-token-0123456789';
const ship = { carrier: 'Viettel Post', trackingNumber: 'VTP123456' };
/** A product of A on sale whose OCOP claim waits for the Department. */
/** A photo of a return, as the link the return's view hands out: the signature is the credential. */
const returnPhotoLink = async (w: World): Promise<Call> => {
  const id = await w.freshReturn('requested');
  const added = await w.t
    .http()
    .post(`/api/v1/returns/${id}/photos`)
    .set(w.ownerBuyer.auth)
    .attach('file', w.picture, { filename: 'hang-loi.png', contentType: 'image/png' })
    .expect(201);
  const link = new URL((added.body as { photos: Array<{ url: string }> }).photos[0].url, 'http://nongsan.test');
  return { params: { id: link.pathname.split('/').pop()! }, query: Object.fromEntries(link.searchParams) };
};
let platformAdmin: Session | undefined;
let synonyms = 0;
/** A synonym of the Department's, for the routes that change one. */
const synonym = async (w: World) =>
  (
    await w.t
      .http()
      .post('/api/v1/admin/search-synonyms')
      .set(w.official.auth)
      .send({ term: `matrix ${++synonyms}`, means: 'nước mắm' })
      .expect(201)
  ).body.id as string;
const ocopClaim = async (w: World) => {
  const { id } = await w.freshProduct({ image: false });
  await w.t
    .http()
    .patch(`/api/v1/products/${id}`)
    .set(w.ownerAdmin.auth)
    .send({ ocop: { stars: 3, certificateNumber: '9/QĐ-UBND', issuedAt: daysFromToday(-300), expiresAt: daysFromToday(700) } })
    .expect(200);
  return id;
};
let statements = 0;
/** A bank statement of the collector's account with one line of its own. */
const statementCsv = () =>
  Buffer.from(`Ngày giao dịch,Số tiền ghi có,Nội dung\n${new Date().toISOString().slice(0, 10)},${10000 + ++statements},chuyen tien ${statements}\n`);
const coop = (w: World) => ({ id: w.coopA });
/** The person A's admin invites last: the owner of that invitation's accept and decline routes. */
let invitee: Session | undefined;
const pendingInvitation = async (w: World, to?: Session) => {
  invitee = to ?? (await signIn(w.t));
  const res = await w.t.http().post(`/api/v1/cooperatives/${w.coopA}/invitations`).set(w.ownerAdmin.auth).send({ email: invitee.email }).expect(202);
  return res.body.id as string;
};

const MATRIX: Record<string, Entry> = {
  // ---- ops and auth -----------------------------------------------------------------------------
  'GET /health': { kind: 'public', ownerStatus: 200 },
  'GET /health/ready': { kind: 'public', ownerStatus: 200 },
  'GET /metrics': { kind: 'capability', ownerStatus: 200, call: () => ({ headers: { Authorization: `Bearer ${METRICS_TOKEN}` } }) },
  'POST /api/v1/auth/register': {
    kind: 'public',
    ownerStatus: 201,
    call: () => ({ body: { email: `matrix-${Date.now()}@example.vn`, password: 'mat-khau-dai-du', fullName: 'Người Mới' } }),
  },
  'POST /api/v1/auth/login': { kind: 'public', ownerStatus: 200, call: (w) => ({ body: { email: w.buyer.email, password: 'mat-khau-thu-nghiem' } }) },
  'POST /api/v1/auth/password-reset': { kind: 'public', ownerStatus: 202, call: (w) => ({ body: { email: w.buyer.email } }) },
  'POST /api/v1/auth/password-reset/confirm': {
    kind: 'capability',
    ownerStatus: 400,
    call: () => ({ body: { token: 'x'.repeat(43), password: 'mat-khau-moi-rat-dai' } }),
  },
  'POST /api/v1/auth/email-verification': { kind: 'signed-in', ownerStatus: 202, owner: (w) => w.buyer },
  'POST /api/v1/auth/email-verification/confirm': { kind: 'capability', ownerStatus: 400, call: () => ({ body: { token: 'x'.repeat(43) } }) },
  'GET /api/v1/me/notification-preferences': { kind: 'self' },
  'PUT /api/v1/me/notification-preferences': { kind: 'signed-in', owner: (w) => w.buyer, call: () => ({ body: { disabled: ['ocop.expiring'] } }) },
  // The caught mail is the platform admin's (an official without admin gets 403 like the strangers).
  'GET /api/v1/admin/mail': {
    kind: 'official',
    call: async (w) => ((platformAdmin ??= await signIn(w.t, Role.Admin)), {}),
    owner: () => platformAdmin!,
  },
  'POST /api/v1/auth/refresh': {
    kind: 'capability',
    ownerStatus: 401,
    call: () => ({ body: { refreshToken: '00000000-0000-4000-8000-000000000000.khong-phai' } }),
  },
  'POST /api/v1/auth/logout': {
    kind: 'capability',
    ownerStatus: 204,
    call: () => ({ body: { refreshToken: '00000000-0000-4000-8000-000000000000.khong-phai' } }),
  },
  'GET /api/v1/me': { kind: 'self', owner: (w) => w.ownerBuyer },
  'GET /api/v1/me/cooperatives': { kind: 'self' },
  'GET /api/v1/me/orders': { kind: 'self', owner: (w) => w.ownerBuyer },
  'GET /api/v1/admin/audit': { kind: 'official' },
  'GET /api/v1/catalog/wards': { kind: 'public', ownerStatus: 200 },
  'GET /api/v1/media/public/{path}': {
    kind: 'public',
    ownerStatus: 200,
    call: async (w) => {
      const [{ key }] = await w.t.db.query<Array<{ key: string }>>(`SELECT keys->>'320' AS key FROM product_images WHERE product_id = $1 LIMIT 1`, [
        w.product.id,
      ]);
      return { params: { path: key.slice('public/'.length) } };
    },
  },
  'GET /api/v1/catalog/former-districts': { kind: 'public', ownerStatus: 200 },

  // ---- seller -------------------------------------------------------------------------------------
  'POST /api/v1/cooperatives': {
    kind: 'signed-in',
    ownerStatus: 201,
    call: () => ({
      body: {
        name: 'HTX Mới',
        taxCode: newTaxCode(),
        representative: 'Ai Đó',
        phone: '0256 3822 123',
        email: 'moi@example.vn',
        wardCode: '21910',
        addressLine: 'Thôn 1',
      },
    }),
  },
  'GET /api/v1/cooperatives/{id}': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'PATCH /api/v1/cooperatives/{id}': { kind: 'cooperative', call: (w) => ({ params: coop(w), body: { description: 'Mô tả mới của chủ.' } }) },
  'POST /api/v1/cooperatives/{id}/logo': {
    kind: 'cooperative',
    call: (w) => ({ params: coop(w), form: { file: { field: 'file', content: w.picture, name: 'logo.png', type: 'image/png' } } }),
  },
  'POST /api/v1/cooperatives/{id}/submit': { kind: 'cooperative', freshPerCaller: true, call: async (w) => ({ params: { id: await w.freshCoop('draft') } }) },
  'GET /api/v1/cooperatives/{id}/timeline': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/cooperatives/{id}/onboarding': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/cooperatives/{id}/overview': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/cooperatives/{id}/members': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'POST /api/v1/cooperatives/{id}/invitations': {
    kind: 'cooperative',
    ownerStatus: 202,
    call: (w) => ({ params: coop(w), body: { email: `moi-${Date.now()}@example.vn` } }),
  },
  'GET /api/v1/cooperatives/{id}/invitations': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'DELETE /api/v1/cooperatives/{id}/invitations/{invitationId}': {
    kind: 'cooperative',
    ownerStatus: 204,
    call: async (w) => ({ params: { id: w.coopA, invitationId: await pendingInvitation(w) } }),
  },
  // Only the person the invitation was sent to sees and answers it; to anyone else it does not exist.
  'GET /api/v1/me/invitations': { kind: 'self', owner: () => invitee!, call: async (w) => (await pendingInvitation(w), {}) },
  'POST /api/v1/me/invitations/{invitationId}/accept': {
    kind: 'buyer',
    owner: () => invitee!,
    call: async (w) => ({ params: { invitationId: await pendingInvitation(w) } }),
  },
  'POST /api/v1/me/invitations/{invitationId}/decline': {
    kind: 'buyer',
    owner: () => invitee!,
    ownerStatus: 204,
    call: async (w) => ({ params: { invitationId: await pendingInvitation(w) } }),
  },
  'PATCH /api/v1/cooperatives/{id}/members/{userId}': {
    kind: 'cooperative',
    call: async (w) => ({ params: { id: w.coopA, userId: (await w.freshMember()).userId }, body: { role: 'coop_admin' } }),
  },
  'DELETE /api/v1/cooperatives/{id}/members/{userId}': {
    kind: 'cooperative',
    ownerStatus: 204,
    call: async (w) => ({ params: { id: w.coopA, userId: (await w.freshMember()).userId } }),
  },
  'POST /api/v1/cooperatives/{id}/documents': {
    kind: 'cooperative',
    ownerStatus: 201,
    call: (w) => ({ params: coop(w), form: { fields: { kind: 'other' }, file: { field: 'file', content: PDF, name: 'x.pdf', type: 'application/pdf' } } }),
  },
  'GET /api/v1/cooperatives/{id}/documents': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/cooperatives/{id}/documents/{documentId}/download': {
    kind: 'cooperative',
    call: (w) => ({ params: { id: w.coopA, documentId: w.documentId } }),
  },
  // Papers can be removed only while the cooperative is a draft.
  'DELETE /api/v1/cooperatives/{id}/documents/{documentId}': {
    kind: 'cooperative',
    ownerStatus: 204,
    freshPerCaller: true,
    call: async (w) => {
      const id = await w.freshCoop('draft');
      return { params: { id, documentId: await w.freshDocument(id) } };
    },
  },
  'GET /api/v1/admin/cooperatives': { kind: 'official' },
  'GET /api/v1/admin/cooperatives/{id}': { kind: 'official', call: (w) => ({ params: coop(w) }) },
  'POST /api/v1/admin/cooperatives/{id}/approve': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshCoop('submitted') } }),
  },
  'POST /api/v1/admin/cooperatives/{id}/reject': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshCoop('submitted') }, body: { reason: 'Thiếu giấy tờ' } }),
  },
  'POST /api/v1/admin/cooperatives/{id}/suspend': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshCoop('approved') }, body: { reason: 'Kiểm tra' } }),
  },
  'POST /api/v1/admin/cooperatives/{id}/reinstate': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshCoop('suspended') }, body: { reason: 'Đã khắc phục' } }),
  },
  'GET /api/v1/jobs/{id}': { kind: 'cooperative', call: (w) => ({ params: { id: w.importJobId } }) },

  // ---- catalog ------------------------------------------------------------------------------------
  'GET /api/v1/catalog/categories': { kind: 'public', ownerStatus: 200 },
  'GET /api/v1/catalog/products': { kind: 'public', ownerStatus: 200 },
  'GET /api/v1/catalog/products/{slug}': { kind: 'public', ownerStatus: 200, call: (w) => ({ params: { slug: w.product.slug } }) },
  'GET /api/v1/catalog/cooperatives/{slug}': { kind: 'public', ownerStatus: 200, call: (w) => ({ params: { slug: w.coopASlug } }) },
  'GET /api/v1/catalog/import-template.xlsx': { kind: 'public', ownerStatus: 200 },
  'POST /api/v1/cooperatives/{id}/products': {
    kind: 'cooperative',
    ownerStatus: 201,
    call: (w) => ({
      params: coop(w),
      body: {
        name: 'Nước mắm mới',
        description: 'x',
        categoryId: 'fish-sauce',
        originWardCode: '21940',
        unit: 'chai',
        variants: [{ sku: `NEW-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, name: 'Chai', price: 50000, weightGrams: 600, stock: 5 }],
      },
    }),
  },
  'GET /api/v1/cooperatives/{id}/products': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/products/{id}': { kind: 'cooperative', call: (w) => ({ params: { id: w.draft.id } }) },
  'PATCH /api/v1/products/{id}': { kind: 'cooperative', call: (w) => ({ params: { id: w.draft.id }, body: { description: 'Chủ sửa mô tả.' } }) },
  'DELETE /api/v1/products/{id}': {
    kind: 'cooperative',
    ownerStatus: 204,
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshProduct({ publish: false, image: false })).id } }),
  },
  'POST /api/v1/products/{id}/publish': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshProduct({ publish: false })).id } }),
  },
  'POST /api/v1/products/{id}/archive': { kind: 'cooperative', freshPerCaller: true, call: async (w) => ({ params: { id: (await w.freshProduct()).id } }) },
  'POST /api/v1/products/{id}/images': {
    kind: 'cooperative',
    ownerStatus: 201,
    call: (w) => ({ params: { id: w.draft.id }, form: { file: { field: 'file', content: w.picture, name: 'b.png', type: 'image/png' } } }),
  },
  'PUT /api/v1/products/{id}/images/order': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => {
      const made = await w.freshProduct({ publish: false });
      return { params: { id: made.id }, body: { imageIds: [made.imageId] } };
    },
  },
  'DELETE /api/v1/products/{id}/images/{imageId}': {
    kind: 'cooperative',
    ownerStatus: 204,
    freshPerCaller: true,
    call: async (w) => {
      const made = await w.freshProduct({ publish: false });
      return { params: { id: made.id, imageId: made.imageId! } };
    },
  },
  'GET /api/v1/admin/ocop-claims': { kind: 'official' },
  'GET /api/v1/admin/search-synonyms': { kind: 'official' },
  'POST /api/v1/admin/search-synonyms': { kind: 'official', ownerStatus: 201, call: () => ({ body: { term: `matrix new ${++synonyms}`, means: 'mật ong' } }) },
  'PUT /api/v1/admin/search-synonyms/{id}': {
    kind: 'official',
    call: async (w) => ({ params: { id: await synonym(w) }, body: { term: `matrix edited ${++synonyms}`, means: 'mật ong' } }),
  },
  'DELETE /api/v1/admin/search-synonyms/{id}': {
    kind: 'official',
    freshPerCaller: true,
    ownerStatus: 204,
    call: async (w) => ({ params: { id: await synonym(w) } }),
  },
  'POST /api/v1/admin/products/{id}/ocop/verify': { kind: 'official', freshPerCaller: true, call: async (w) => ({ params: { id: await ocopClaim(w) } }) },
  'POST /api/v1/admin/products/{id}/ocop/reject': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await ocopClaim(w) }, body: { reason: 'Số quyết định không khớp' } }),
  },
  'POST /api/v1/cooperatives/{id}/imports': {
    kind: 'cooperative',
    ownerStatus: 202,
    call: (w) => ({ params: coop(w), form: { file: { field: 'file', content: Buffer.from('SKU,Tên sản phẩm\nX-1,Thử\n'), name: 'a.csv', type: 'text/csv' } } }),
  },

  // ---- orders -------------------------------------------------------------------------------------
  'POST /api/v1/checkouts/quote': { kind: 'public', ownerStatus: 200, call: (w) => ({ body: { items: [{ variantId: w.product.variantId, quantity: 1 }] } }) },
  'POST /api/v1/checkouts': {
    kind: 'signed-in',
    ownerStatus: 201,
    owner: (w) => w.ownerBuyer,
    call: (w) => ({
      headers: { 'Idempotency-Key': `matrix-${Date.now()}-${Math.random().toString(36).slice(2)}` },
      body: {
        items: [{ variantId: w.product.variantId, quantity: 1 }],
        shippingAddress: { fullName: 'A', phone: '0905 123 456', addressLine: 'B', wardCode: '21583' },
        paymentMethod: 'cod',
      },
    }),
  },
  'GET /api/v1/checkouts/{id}': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    call: async (w) => ({ params: { id: (await w.freshOrder('placed')).checkoutId } }),
  },
  'GET /api/v1/orders/{id}': { kind: 'buyer', owner: (w) => w.ownerBuyer, call: async (w) => ({ params: { id: (await w.freshOrder('placed')).orderId } }) },
  'GET /api/v1/cooperatives/{id}/orders': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'POST /api/v1/orders/{id}/confirm': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('placed')).orderId } }),
  },
  'POST /api/v1/orders/{id}/pack': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('confirmed')).orderId } }),
  },
  'POST /api/v1/orders/{id}/ship': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('packed')).orderId }, body: ship }),
  },
  'POST /api/v1/orders/{id}/deliver': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('shipped')).orderId } }),
  },
  // The buyer who placed it may cancel too; for a stranger it does not exist.
  'POST /api/v1/orders/{id}/cancel': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('placed')).orderId }, body: { reason: 'Đổi ý' } }),
  },
  // Only the collector's people (here the official with the finance permission) confirm; the cooperative's own admin is refused (403, money-collector spec).
  'POST /api/v1/orders/{id}/payment-received': {
    kind: 'cooperative',
    owner: (w) => w.official,
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('pending_payment')).orderId } }),
  },
  'POST /api/v1/admin/checkouts/{id}/payment-received': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: (await w.freshOrder('pending_payment')).checkoutId }, body: { reference: 'FT1' } }),
  },
  'GET /api/v1/admin/checkouts': { kind: 'official' },
  'GET /api/v1/admin/refunds': { kind: 'official' },
  // A bank refund is not sent to Stripe: the collector is refused for the method (409), strangers before that.
  'POST /api/v1/admin/refunds/{id}/retry': { kind: 'official', ownerStatus: 409, call: async (w) => ({ params: { id: await w.freshRefund() } }) },
  'GET /api/v1/admin/bank-statements': { kind: 'official' },
  'GET /api/v1/admin/tax-withholding.xlsx': { kind: 'official' },
  'POST /api/v1/orders/{id}/returns': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    ownerStatus: 201,
    freshPerCaller: true,
    call: async (w) => ({
      params: { id: (await w.freshOrder('delivered')).orderId },
      body: { lines: [{ variantId: w.product.variantId, quantity: 1 }], reason: 'Vỡ khi giao' },
    }),
  },
  'GET /api/v1/orders/{id}/returns': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    call: async (w) => ({ params: { id: (await w.freshOrder('delivered')).orderId } }),
  },
  'GET /api/v1/cooperatives/{id}/returns': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/returns/{id}': { kind: 'buyer', owner: (w) => w.ownerBuyer, call: async (w) => ({ params: { id: await w.freshReturn('requested') } }) },
  'POST /api/v1/returns/{id}/accept': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshReturn('requested') }, body: { goodsReturned: true } }),
  },
  'POST /api/v1/returns/{id}/refuse': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshReturn('requested') }, body: { reason: 'Không nhận' } }),
  },
  'POST /api/v1/returns/{id}/photos': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    ownerStatus: 201,
    call: async (w) => ({
      params: { id: await w.freshReturn('requested') },
      form: { file: { field: 'file', content: w.picture, name: 'hang-loi.png', type: 'image/png' } },
    }),
  },
  'GET /api/v1/return-photos/{id}': { kind: 'capability', ownerStatus: 200, call: (w) => returnPhotoLink(w) },
  'POST /api/v1/returns/{id}/escalate': {
    kind: 'buyer',
    owner: (w) => w.ownerBuyer,
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshReturn('refused') }, body: { note: 'Xin xem lại' } }),
  },
  'GET /api/v1/admin/returns': { kind: 'official' },
  'POST /api/v1/admin/returns/{id}/decide': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshReturn('escalated') }, body: { decision: 'refuse', reason: 'Hợp tác xã đúng' } }),
  },
  'POST /api/v1/admin/bank-statements': {
    kind: 'official',
    ownerStatus: 202,
    call: () => ({ form: { file: { field: 'file', content: statementCsv(), name: 'saoke.csv', type: 'text/csv' } } }),
  },
  'GET /api/v1/admin/bank-statements/{id}': {
    kind: 'official',
    call: async (w) => {
      const { body } = await w.t
        .http()
        .post('/api/v1/admin/bank-statements')
        .set(w.official.auth)
        .attach('file', statementCsv(), { filename: 'saoke.csv', contentType: 'text/csv' })
        .expect(202);
      return { params: { id: body.statementId } };
    },
  },
  'POST /api/v1/admin/refunds/{id}/refunded': {
    kind: 'official',
    freshPerCaller: true,
    call: async (w) => ({ params: { id: await w.freshRefund() }, body: { reference: 'FT2' } }),
  },
  'POST /api/v1/payments/stripe/webhook': { kind: 'capability', ownerStatus: 400, call: () => ({ body: { id: 'evt_1', type: 'payment_intent.succeeded' } }) },
  'GET /api/v1/cooperatives/{id}/payouts': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'GET /api/v1/banks': { kind: 'public', ownerStatus: 200 },
  'GET /api/v1/cooperatives/{id}/payout-account': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'PUT /api/v1/cooperatives/{id}/payout-account': {
    kind: 'cooperative',
    call: (w) => ({ params: coop(w), body: { bankBin: '970436', accountNumber: '1017595600', accountName: 'HTX Bi Mat' } }),
  },
  // Nothing is owed yet: the collector is refused for the amount (409), strangers before that.
  'GET /api/v1/admin/cooperatives/{id}/payout-qr': { kind: 'official', ownerStatus: 409, call: (w) => ({ params: coop(w) }) },
  // Nothing is owed yet: the official is refused for the amount (409), strangers before that.
  'POST /api/v1/admin/cooperatives/{id}/payouts': {
    kind: 'official',
    ownerStatus: 409,
    call: (w) => ({ params: coop(w), body: { amount: 1000, reference: 'UNC 1' } }),
  },

  // ---- delivery -----------------------------------------------------------------------------------
  'GET /api/v1/delivery/carriers': { kind: 'public', ownerStatus: 200 },
  'PUT /api/v1/cooperatives/{id}/carriers/{carrier}': {
    kind: 'cooperative',
    call: (w) => ({
      params: { ...coop(w), carrier: 'ghn' },
      body: { token: GHN_TOKEN, shopId: '885', pickupWardCode: '21808', pickupAddressLine: '12 Quang Trung' },
    }),
  },
  'GET /api/v1/cooperatives/{id}/carriers': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  // A has GHN from the entry above; no worker runs, so a confirmed order's shipment waits unbooked (409 for the owner).
  'GET /api/v1/orders/{id}/shipment/label': {
    kind: 'cooperative',
    ownerStatus: 409,
    call: async (w) => ({ params: { id: (await w.freshOrder('confirmed')).orderId } }),
  },
  'GET /api/v1/cooperatives/{id}/shipments/labels': {
    kind: 'cooperative',
    ownerStatus: 409,
    call: async (w) => ({ params: coop(w), query: { orderIds: (await w.freshOrder('confirmed')).orderId } }),
  },
  // The secret in the address is the credential: an account nobody has is 404 whoever calls.
  'POST /api/v1/carrier-webhooks/{carrier}/{accountId}': {
    kind: 'capability',
    ownerStatus: 404,
    call: () => ({
      params: { carrier: 'ghn', accountId: '6f1c1f7e-2f0a-4c51-9d7e-3b1e0f6a9c11' },
      query: { hash: 'x' },
      body: { OrderCode: 'GHN1', Status: 'delivered', Time: new Date().toISOString() },
    }),
  },

  // ---- channels -----------------------------------------------------------------------------------
  'GET /api/v1/channels/platforms': { kind: 'public', ownerStatus: 200 },
  'POST /api/v1/cooperatives/{id}/channels': {
    kind: 'cooperative',
    ownerStatus: 201,
    freshPerCaller: true,
    call: (w) => ({ params: coop(w), body: { platform: 'shopee', credentials: w.freshShop().credentials, settings: { logisticIds: [50018] } } }),
  },
  'GET /api/v1/cooperatives/{id}/channels': { kind: 'cooperative', call: (w) => ({ params: coop(w) }) },
  'POST /api/v1/cooperatives/{id}/channels/authorizations': {
    kind: 'cooperative',
    ownerStatus: 201,
    call: (w) => ({ params: coop(w), body: { platform: 'shopee' } }),
  },
  // The state is the credential: one nobody was given connects nothing.
  'GET /api/v1/channels/oauth/{platform}/callback': {
    kind: 'capability',
    ownerStatus: 400,
    call: () => ({ params: { platform: 'shopee' }, query: { state: 'forged', code: 'c0de', shop_id: '1' } }),
  },
  'POST /api/v1/admin/feeds': { kind: 'official', ownerStatus: 201, call: () => ({ body: { platform: 'meta-catalog' } }) },
  'GET /api/v1/admin/feeds': { kind: 'official' },
  'GET /api/v1/channels/{id}': { kind: 'cooperative', call: (w) => ({ params: { id: w.connectionId } }) },
  'DELETE /api/v1/channels/{id}': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => {
      const { body } = await w.t.http().post(`/api/v1/cooperatives/${w.coopA}/channels`).set(w.ownerAdmin.auth).send({ platform: 'meta-catalog' }).expect(201);
      return { params: { id: body.id } };
    },
  },
  // Replacing the address kills the old one: each caller gets a feed of its own.
  'POST /api/v1/channels/{id}/feed-token': {
    kind: 'cooperative',
    freshPerCaller: true,
    call: async (w) => {
      const { body } = await w.t.http().post(`/api/v1/cooperatives/${w.coopA}/channels`).set(w.ownerAdmin.auth).send({ platform: 'meta-catalog' }).expect(201);
      return { params: { id: body.id } };
    },
  },
  'POST /api/v1/channels/{id}/sync': { kind: 'cooperative', ownerStatus: 202, call: (w) => ({ params: { id: w.connectionId } }) },
  'GET /api/v1/channels/{id}/listings': { kind: 'cooperative', call: (w) => ({ params: { id: w.connectionId } }) },
  // Read from the shop on the platform: another cooperative's shop is neither read nor changed.
  'GET /api/v1/channels/{id}/options': { kind: 'cooperative', call: (w) => ({ params: { id: w.connectionId } }) },
  'PATCH /api/v1/channels/{id}/settings': { kind: 'cooperative', call: (w) => ({ params: { id: w.connectionId }, body: { logisticIds: [50018] } }) },
  'GET /api/v1/channels/{id}/orders': { kind: 'cooperative', call: (w) => ({ params: { id: w.connectionId } }) },
  // Signed by the platform with the shop's key: an unsigned push is refused.
  'POST /api/v1/channels/{id}/webhook': {
    kind: 'capability',
    ownerStatus: 401,
    call: (w) => ({ params: { id: w.connectionId }, body: { code: 3, data: { ordersn: 'X' } } }),
  },
  // The token in the URL is the credential.
  'GET /api/v1/feeds/{token}/{file}': { kind: 'capability', ownerStatus: 200, call: (w) => ({ params: { token: w.feedToken, file: 'google-merchant.xml' } }) },

  // ---- uptake (the Department) --------------------------------------------------------------------
  'GET /api/v1/uptake/summary': { kind: 'official' },
  'GET /api/v1/uptake/funnel': { kind: 'official' },
  'GET /api/v1/uptake/timeseries': { kind: 'official', call: () => ({ query: { metric: 'orders' } }) },
  'GET /api/v1/uptake/localities': { kind: 'official' },
  'GET /api/v1/uptake/channels': { kind: 'official' },
  'GET /api/v1/uptake/sync-health': { kind: 'official' },
  'GET /api/v1/uptake/export.xlsx': { kind: 'official' },
  'GET /api/v1/uptake/moit-report': { kind: 'official' },
  // Anyone's storefront visit; nothing of anyone's is read or returned.
  'POST /api/v1/visits': { kind: 'public', ownerStatus: 204 },
};

const KIND_OWNER: Record<Kind, (w: World) => Session | null> = {
  cooperative: (w) => w.ownerAdmin,
  buyer: (w) => w.ownerBuyer,
  official: (w) => w.official,
  self: (w) => w.ownerAdmin,
  'signed-in': (w) => w.ownerAdmin,
  public: () => null,
  capability: () => null,
};

function fill(path: string, params: Params = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

function send(t: TestApp, method: string, path: string, call: Call, who: Session | null): Test {
  const req = (t.http() as unknown as Record<string, (url: string) => Test>)[method.toLowerCase()](fill(path, call.params));
  if (who) req.set(who.auth);
  for (const [name, value] of Object.entries(call.headers ?? {})) req.set(name, value);
  if (call.query) req.query(call.query);
  if (call.form) {
    for (const [name, value] of Object.entries(call.form.fields ?? {})) req.field(name, value);
    if (call.form.file) req.attach(call.form.file.field, call.form.file.content, { filename: call.form.file.name, contentType: call.form.file.type });
  } else if (call.body !== undefined) {
    req.send(call.body as object);
  }
  return req;
}

describe('tenancy matrix: every documented route, every caller', () => {
  let t: TestApp;
  let shopee: ShopeeFake;
  let stripe: StripeFake;
  let ghn: GhnFake;
  let w: World;
  let documented: Array<{ method: string; path: string }>;
  const answers: Array<{ route: string; who: string; status: number }> = [];

  beforeAll(async () => {
    shopee = await ShopeeFake.start();
    stripe = await new StripeFake().start();
    ghn = await GhnFake.start({ accounts: [{ token: GHN_TOKEN, shopId: '885' }] });
    t = await createTestApp({
      env: {
        RUN_WORKER: 'false',
        METRICS_TOKEN,
        CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl,
        CARRIER_GHN_BASE_URL: ghn.baseUrl,
        SHOPEE_PARTNER_ID: String(shopee.partnerId),
        SHOPEE_PARTNER_KEY: shopee.partnerKey,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: 'whsec_matrix_0123456789',
        STRIPE_API_BASE: stripe.url,
      },
    });
    w = await buildWorld(t, shopee);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await shopee?.close();
    await stripe?.stop();
    await ghn?.close();
  });

  it('has an entry for every route in the OpenAPI document, and no entry for a route that is gone', () => {
    const keys = documented.map((r) => `${r.method} ${r.path}`);
    const missing = keys.filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(keys.length).toBeGreaterThanOrEqual(80);
  });

  it('answers strangers as documented, changes nothing for them, tells them nothing of A, and serves the owner', async () => {
    const secrets = secretsOf(w);
    const problems: string[] = [];
    const strangers: Record<Stranger, Session | null> = { otherAdmin: w.otherAdmin, buyer: w.buyer, anonymous: null };

    for (const { method, path } of documented) {
      const route = `${method} ${path}`;
      const entry = MATRIX[route];
      if (!entry) continue; // reported by the first test
      const expected = { ...KIND_DEFAULTS[entry.kind], ...entry.strangers };
      const shared = entry.freshPerCaller ? undefined : await (entry.call?.(w) ?? {});

      const calls = new Map<Stranger, Call>();
      for (const name of Object.keys(strangers) as Stranger[]) if (expected[name] !== undefined) calls.set(name, shared ?? (await (entry.call?.(w) ?? {})));
      const before = calls.size > 0 ? await fingerprint(t.db) : {};
      for (const [name, call] of calls) {
        const want = expected[name]!;
        const who = strangers[name];
        const res = await send(t, method, path, call, who);
        answers.push({ route, who: name, status: res.status });
        if (res.status !== want) problems.push(`${route} as ${name}: ${res.status}, expected ${want} ${res.text.slice(0, 200)}`);
        if (res.status >= 400 && !(res.body?.error?.code && typeof res.body.error.message === 'string' && Array.isArray(res.body.error.details))) {
          problems.push(`${route} as ${name}: ${res.status} not in the error shape: ${res.text.slice(0, 200)}`);
        }
        const leaked = secrets.filter((s) => res.text.includes(s));
        if (leaked.length > 0) problems.push(`${route} as ${name}: answer contains ${leaked.join(', ')}`);
      }
      if (calls.size > 0) {
        // Strangers are refused, or (self routes) read their own: either way nothing stored changes.
        const changed = changedTables(before, await fingerprint(t.db));
        if (changed.length > 0) problems.push(`${route}: strangers' calls changed ${changed.join(', ')}`);
      }

      const owner = entry.owner?.(w) ?? KIND_OWNER[entry.kind](w);
      const call = shared ?? (await (entry.call?.(w) ?? {}));
      const res = await send(t, method, path, call, owner);
      answers.push({ route, who: 'owner', status: res.status });
      const want = entry.ownerStatus ?? 200;
      if (res.status !== want) problems.push(`${route} as owner: ${res.status}, expected ${want} ${res.text.slice(0, 300)}`);
    }
    const byKind = Object.fromEntries(Object.keys(KIND_DEFAULTS).map((kind) => [kind, Object.entries(MATRIX).filter(([, e]) => e.kind === kind).length]));
    report('tenancy-matrix', {
      routes: documented.length,
      calls: answers.length,
      strangerCalls: answers.filter((a) => a.who !== 'owner').length,
      routesByKind: byKind,
      problems: problems.length,
    });
    expect(problems).toEqual([]);
    // Every route was called by its owner at least once.
    expect(new Set(answers.filter((a) => a.who === 'owner').map((a) => a.route)).size).toBe(documented.length);
    // Some 200 routes, four callers each, on a shared machine: longer than Jest's default.
  }, 900_000);

  it('shows anonymous callers of public routes nothing unpublished', async () => {
    const draft = await t.http().get(`/api/v1/catalog/products/${w.draft.slug}`);
    expect(draft.status).toBe(404);
    const search = await t.http().get('/api/v1/catalog/products').query({ limit: 100 }).expect(200);
    const ids = search.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(w.product.id);
    expect(ids).not.toContain(w.draft.id);
    expect(search.text).not.toContain(w.ownerAdmin.email);
    expect(search.text).not.toContain(MARK.coopEmail);
  });
});
