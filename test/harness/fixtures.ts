import type { Session, TestApp } from './app.js';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
let taxCounter = 100_000;

/** A fresh valid 10-digit tax code (check digit computed as vietnam.md says). */
export function newTaxCode(): string {
  for (;;) {
    const prefix = `03${String(++taxCounter * 7 + (process.pid % 1000))
      .padStart(7, '0')
      .slice(-7)}`;
    const r = [...prefix].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11;
    if (r === 0) continue;
    return `${prefix}${r === 10 ? 0 : 10 - r}`;
  }
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export function cooperativeInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Hợp tác xã Nông nghiệp Nhơn Lộc',
    taxCode: newTaxCode(),
    representative: 'Trần Văn Hùng',
    phone: '0256 3822 123',
    email: 'htx.nhonloc@example.vn',
    wardCode: '21910',
    addressLine: 'Thôn Tân Lập',
    description: 'Rượu Bàu Đá, gạo và tinh dầu sả của nông dân Nhơn Lộc.',
    ...overrides,
  };
}

/** A cooperative in draft owned by `owner`, with its business registration uploaded unless told otherwise. */
export async function createCooperative(
  t: TestApp,
  owner: Session,
  options: { overrides?: Record<string, unknown>; withRegistration?: boolean } = {},
): Promise<{ id: string; taxCode: string }> {
  const input = cooperativeInput(options.overrides);
  const { body } = await t.http().post('/api/v1/cooperatives').set(owner.auth).send(input).expect(201);
  if (options.withRegistration !== false) {
    await t
      .http()
      .post(`/api/v1/cooperatives/${body.id}/documents`)
      .set(owner.auth)
      .field('kind', 'business_registration')
      .attach('file', PDF, { filename: 'Giấy chứng nhận ĐK HTX.pdf', contentType: 'application/pdf' })
      .expect(201);
  }
  return { id: body.id, taxCode: body.taxCode };
}

/** submit + approve, the usual way to get an approved cooperative for later tests. */
export async function approveCooperative(t: TestApp, owner: Session, official: Session, id: string): Promise<void> {
  await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);
  await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(200);
}
