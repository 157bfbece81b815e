import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeFake } from '../../fakes/shopee.fake.js';
import { addMember, signIn, type Session, type TestApp } from '../../harness/app.js';
import { createProduct } from '../../harness/catalog-fixtures.js';
import { approveCooperative, createCooperative, PDF } from '../../harness/fixtures.js';

/**
 * Two cooperatives, their people, and one of everything a cooperative or a buyer owns, made
 * through the API as users make them. The tenancy matrix and the fuzzer both run against it.
 *
 * Everything of tenant A carries a marker (`SECRET_MARKERS`) that must never show in an answer to
 * someone who may not see A.
 */
export const MARK = {
  coopName: 'HTX Bí Mật Tenant A',
  coopEmail: 'bi-mat-tenant-a@example.vn',
  productName: 'Rượu riêng của Tenant A',
  addressLine: 'Số 7 Ngõ Bí Mật Tenant A',
  shopName: 'Shop Bí Mật Tenant A',
  memberName: 'Thành Viên Bí Mật',
} as const;

export const ADDRESS = { fullName: 'Người Mua Bí Mật', phone: '0905 123 456', addressLine: MARK.addressLine, wardCode: '21583' };

export interface World {
  t: TestApp;
  shopee: ShopeeFake;
  picture: Buffer;
  /** An official with the finance permission: the Department's routes and the collector's desk. */
  official: Session;
  /** coop_admin of A: the owner of every cooperative-scoped resource. */
  ownerAdmin: Session;
  /** A buyer who bought from A: the owner of every buyer-scoped resource. */
  ownerBuyer: Session;
  /** coop_admin of B, an approved cooperative of its own. */
  otherAdmin: Session;
  /** A plain buyer with no cooperative and no orders. */
  buyer: Session;
  coopA: string;
  /** A's public profile address (/catalog/cooperatives/:slug). */
  coopASlug: string;
  coopB: string;
  /** An active, pictured product of A and its variant. */
  product: { id: string; slug: string; variantId: string };
  /** A draft product of A: public routes must not show it. */
  draft: { id: string; slug: string };
  documentId: string;
  /** A Shopee shop of A, connected (the sync job waits: no worker runs in these tests). */
  connectionId: string;
  feedToken: string;
  importJobId: string;
  /** Ids of everything above, for the leak check: an id of A's in a stranger's answer is a leak too. */
  secretIds(): string[];
  freshProduct(options?: { publish?: boolean; image?: boolean; stock?: number }): Promise<{ id: string; slug: string; variantId: string; imageId?: string }>;
  freshOrder(state: 'placed' | 'confirmed' | 'packed' | 'shipped' | 'delivered' | 'pending_payment'): Promise<{ orderId: string; checkoutId: string }>;
  /** A return of one unit of a delivered order of A's, asked by the owner buyer, brought to `state`. */
  freshReturn(state: 'requested' | 'refused' | 'escalated'): Promise<string>;
  /** A VietQR order paid, then cancelled by its buyer: a bank refund waiting for the collector. */
  freshRefund(): Promise<string>;
  freshCoop(state: 'draft' | 'submitted' | 'approved' | 'suspended', owner?: Session): Promise<string>;
  freshDocument(cooperativeId?: string): Promise<string>;
  freshMember(): Promise<Session>;
  freshShop(): { shopId: number; credentials: Record<string, string> };
}

let keys = 0;

export async function buildWorld(t: TestApp, shopee: ShopeeFake): Promise<World> {
  const picture = await sharp({ create: { width: 160, height: 160, channels: 3, background: { r: 180, g: 90, b: 30 } } })
    .png()
    .toBuffer();
  const official = await signIn(t, [Role.Official, Role.Finance]);
  const ownerAdmin = await signIn(t);
  const ownerBuyer = await signIn(t);
  const otherAdmin = await signIn(t);
  const buyer = await signIn(t);
  const coopA = (await createCooperative(t, ownerAdmin, { overrides: { name: MARK.coopName, email: MARK.coopEmail } })).id;
  await approveCooperative(t, ownerAdmin, official, coopA);
  const [{ slug: coopASlug }] = await t.db.query<Array<{ slug: string }>>(`SELECT slug FROM cooperatives WHERE id = $1`, [coopA]);
  const coopB = (await createCooperative(t, otherAdmin, { overrides: { name: 'HTX Người Khác B' } })).id;
  await approveCooperative(t, otherAdmin, official, coopB);
  const partner = shopee.addPartner();

  const freshProduct: World['freshProduct'] = async (options = {}) => {
    const made = await createProduct(t, coopA, ownerAdmin, {
      overrides: {
        name: `${MARK.productName} ${++keys}`,
        variants: [{ sku: `TA-${process.pid}-${keys}`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: options.stock ?? 50 }],
      },
    });
    let imageId: string | undefined;
    if (options.image !== false) {
      const { body } = await t
        .http()
        .post(`/api/v1/products/${made.id}/images`)
        .set(ownerAdmin.auth)
        .attach('file', picture, { filename: 'a.png', contentType: 'image/png' })
        .expect(201);
      imageId = body.images[0].id;
    }
    if (options.publish !== false) await t.http().post(`/api/v1/products/${made.id}/publish`).set(ownerAdmin.auth).expect(200);
    return { id: made.id, slug: made.slug, variantId: made.variantIds[0], imageId };
  };

  // Enough for every fresh order the matrix and the fuzzer place.
  const product = await freshProduct({ stock: 500 });
  const draft = await freshProduct({ publish: false, image: false });

  const freshOrder: World['freshOrder'] = async (state) => {
    const method = state === 'pending_payment' ? 'vietqr' : 'cod';
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(ownerBuyer.auth)
      .set('Idempotency-Key', `world-${process.pid}-${++keys}`)
      .send({ items: [{ variantId: product.variantId, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: method })
      .expect(201);
    const orderId = body.orders[0].id as string;
    const steps = {
      placed: [],
      pending_payment: [],
      confirmed: ['confirm'],
      packed: ['confirm', 'pack'],
      shipped: ['confirm', 'pack', 'ship'],
      delivered: ['confirm', 'pack', 'ship', 'deliver'],
    }[state];
    for (const step of steps) {
      await t
        .http()
        .post(`/api/v1/orders/${orderId}/${step}`)
        .set(ownerAdmin.auth)
        .send(step === 'ship' ? { carrier: 'Viettel Post', trackingNumber: 'VTP0001' } : {})
        .expect(200);
    }
    return { orderId, checkoutId: body.id as string };
  };

  const freshRefund = async () => {
    const { orderId } = await freshOrder('pending_payment');
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(official.auth).expect(200);
    const { body } = await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(ownerBuyer.auth).send({}).expect(200);
    return body.refund.id as string;
  };

  const freshReturn: World['freshReturn'] = async (state) => {
    const { orderId } = await freshOrder('delivered');
    const { body } = await t
      .http()
      .post(`/api/v1/orders/${orderId}/returns`)
      .set(ownerBuyer.auth)
      .send({ lines: [{ variantId: product.variantId, quantity: 1 }], reason: 'Vỡ khi giao' })
      .expect(201);
    if (state !== 'requested') await t.http().post(`/api/v1/returns/${body.id}/refuse`).set(ownerAdmin.auth).send({ reason: 'Không nhận' }).expect(200);
    if (state === 'escalated') await t.http().post(`/api/v1/returns/${body.id}/escalate`).set(ownerBuyer.auth).send({ note: 'Xin xem lại' }).expect(200);
    return body.id as string;
  };

  const freshCoop: World['freshCoop'] = async (state, owner = ownerAdmin) => {
    const { id } = await createCooperative(t, owner, { overrides: { name: `${MARK.coopName} ${++keys}`, email: MARK.coopEmail } });
    if (state === 'draft') return id;
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);
    if (state === 'submitted') return id;
    await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(200);
    if (state === 'suspended') await t.http().post(`/api/v1/admin/cooperatives/${id}/suspend`).set(official.auth).send({ reason: 'Kiểm tra' }).expect(200);
    return id;
  };

  const freshDocument = async (cooperativeId = coopA) => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${cooperativeId}/documents`)
      .set(ownerAdmin.auth)
      .field('kind', 'other')
      .attach('file', PDF, { filename: 'giay-to.pdf', contentType: 'application/pdf' })
      .expect(201);
    return body.id as string;
  };

  const freshMember = async () => {
    const member = await signIn(t);
    await addMember(t, ownerAdmin, coopA, member);
    return member;
  };

  const freshShop = () => {
    const shop = shopee.addShop({ name: `${MARK.shopName} ${++keys}`, partnerId: partner.partnerId });
    return {
      shopId: shop.shopId,
      credentials: {
        partnerId: String(partner.partnerId),
        partnerKey: partner.partnerKey,
        shopId: String(shop.shopId),
        accessToken: shop.accessToken,
        refreshToken: shop.refreshToken,
      },
    };
  };

  const documentId = await freshDocument();
  const shop = freshShop();
  const connection = await t
    .http()
    .post(`/api/v1/cooperatives/${coopA}/channels`)
    .set(ownerAdmin.auth)
    .send({ platform: 'shopee', credentials: shop.credentials, settings: { logisticIds: [50018] } })
    .expect(201);
  const feed = await t.http().post(`/api/v1/cooperatives/${coopA}/channels`).set(ownerAdmin.auth).send({ platform: 'google-merchant' }).expect(201);
  const feedToken = new URL(feed.body.feedUrl).pathname.split('/')[4];
  const csv = `Mã sản phẩm,Tên sản phẩm,Danh mục,Mã phường/xã xuất xứ,Đơn vị,SKU,Tên phân loại,Giá (đồng),Khối lượng (gram),Tồn kho\nIMP-1,${MARK.productName} nhập,rice-grains,21940,túi,IMP-${process.pid},Túi 5 kg,180000,5100,30\n`;
  const imported = await t
    .http()
    .post(`/api/v1/cooperatives/${coopA}/imports`)
    .set(ownerAdmin.auth)
    .attach('file', Buffer.from(csv), { filename: 'sp.csv', contentType: 'text/csv' })
    .expect(202);
  await freshOrder('placed');

  return {
    t,
    shopee,
    picture,
    official,
    ownerAdmin,
    ownerBuyer,
    otherAdmin,
    buyer,
    coopA,
    coopASlug,
    coopB,
    product,
    draft,
    documentId,
    connectionId: connection.body.id,
    feedToken,
    importJobId: imported.body.jobId,
    secretIds: () => [coopA, product.id, draft.id, documentId, connection.body.id, feedToken, imported.body.jobId, ownerBuyer.userId, ownerAdmin.userId],
    freshProduct,
    freshOrder,
    freshRefund,
    freshReturn,
    freshCoop,
    freshDocument,
    freshMember,
    freshShop,
  };
}

/** The strings of A that no stranger may read: markers, e-mails, ids. */
export function secretsOf(world: World): string[] {
  return [...Object.values(MARK), MARK.coopEmail, world.ownerBuyer.email, world.ownerAdmin.email, ...world.secretIds()];
}
