import { SmtpFake } from './fakes/smtp.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';
import { createCooperative } from './harness/fixtures.js';

const PUBLIC_URL = 'https://nongsan.example.vn';

/**
 * Issue #26: password reset and e-mail verification, the links read from the mail a real SMTP
 * server received. EMAIL_VERIFICATION_REQUIRED is on here, as in production.
 */
describe('password reset and e-mail verification', () => {
  let smtp: SmtpFake;
  let t: TestApp;

  /** The single link to `page` in the newest mail to `to` with `subject`. */
  const linkIn = async (to: string, subject: string, page: string) => {
    const mails = await eventually(
      () => smtp.to(to).filter((m) => m.subject === subject),
      (m) => m.length > 0,
      30_000,
    );
    const text = mails.at(-1)!.text;
    const links = text.match(new RegExp(`${PUBLIC_URL}${page}\\?token=[A-Za-z0-9_%-]+`, 'g')) ?? [];
    expect(links).toHaveLength(1);
    return { url: new URL(links[0]!), count: mails.length };
  };
  const requestReset = (email: string) => t.http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
  const confirm = (token: string, password: string) => t.http().post('/api/v1/auth/password-reset/confirm').send({ token, password });

  beforeAll(async () => {
    smtp = await SmtpFake.start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL, EMAIL_VERIFICATION_REQUIRED: 'true' } });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('resets a password by the e-mailed link once, and ends every session of the account', async () => {
    const buyer = await signIn(t);
    const otherDevice = (await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: 'mat-khau-thu-nghiem' }).expect(200)).body as {
      refreshToken: string;
    };

    await requestReset(buyer.email);
    // An address without an account answers the same, and nothing is sent.
    await requestReset('nobody-here@test.nongsan.vn');
    const { url } = await linkIn(buyer.email, 'Đặt lại mật khẩu Nông sản', '/reset-password');
    const token = url.searchParams.get('token')!;
    expect(smtp.to('nobody-here@test.nongsan.vn')).toHaveLength(0);

    // The same rules as at registration.
    const weak = await confirm(token, 'ngan').expect(400);
    expect(weak.body.error.details.map((d: { field: string }) => d.field)).toEqual(['password']);
    // A common password, or one made of the account's own address, is refused too; the link still works after.
    for (const guessable of ['password123', buyer.email]) {
      const refused = await confirm(token, guessable).expect(400);
      expect([...new Set(refused.body.error.details.map((d: { field: string }) => d.field))]).toEqual(['password']);
    }
    await confirm(token, 'mat-khau-moi-rat-dai').expect(204);

    // Every session is over: both refresh tokens and the access token.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: buyer.refreshToken }).expect(401);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: otherDevice.refreshToken }).expect(401);
    await t.http().get('/api/v1/me').set(buyer.auth).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: 'mat-khau-thu-nghiem' }).expect(401);
    const signedIn = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: 'mat-khau-moi-rat-dai' }).expect(200);
    // Opening the link proved the address.
    expect(signedIn.body.user.emailVerified).toBe(true);

    // The link works once.
    const reused = await confirm(token, 'mat-khau-khac-nua').expect(400);
    expect(reused.body.error).toMatchObject({ code: 'ACCOUNT_TOKEN_INVALID', details: [{ field: 'token' }] });
    expect(reused.body.error.message).toMatch(/Liên kết không hợp lệ/);
    // Only the link held the token: the sent outbox row no longer does.
    const rows = await t.db.query(`SELECT data FROM notification_outbox WHERE template = 'auth.password-reset' AND recipient = $1`, [buyer.email]);
    expect(rows).toEqual([{ data: { fullName: 'Người Thử' } }]);
  });

  it('refuses an expired link and a made-up one', async () => {
    const buyer = await signIn(t);
    await requestReset(buyer.email);
    const token = (await linkIn(buyer.email, 'Đặt lại mật khẩu Nông sản', '/reset-password')).url.searchParams.get('token')!;
    // 30 minutes later, as far as the link is concerned.
    await t.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [buyer.userId]);
    const expired = await confirm(token, 'mat-khau-moi-rat-dai').expect(400);
    expect(expired.body.error.code).toBe('ACCOUNT_TOKEN_INVALID');
    await confirm('x'.repeat(43), 'mat-khau-moi-rat-dai').expect(400);
    await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: 'mat-khau-thu-nghiem' }).expect(200);
  });

  it('sends one reset e-mail a minute however often it is asked for', async () => {
    const buyer = await signIn(t);
    await requestReset(buyer.email);
    await requestReset(buyer.email);
    await linkIn(buyer.email, 'Đặt lại mật khẩu Nông sản', '/reset-password');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'auth.password-reset' AND recipient = $1`, [
      buyer.email,
    ]);
    expect(n).toBe(1);
  });

  it('verifies the address from the registration e-mail; unverified, a cooperative admin cannot submit for review', async () => {
    const owner: Session = await signIn(t);
    expect((await t.http().get('/api/v1/me').set(owner.auth).expect(200)).body.emailVerified).toBe(false);
    const { id } = await createCooperative(t, owner);
    const refused = await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(403);
    expect(refused.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    expect(refused.body.error.message).toMatch(/xác nhận địa chỉ email/);

    const { url } = await linkIn(owner.email, 'Xác nhận địa chỉ email Nông sản', '/verify-email');
    await t
      .http()
      .post('/api/v1/auth/email-verification/confirm')
      .send({ token: url.searchParams.get('token') })
      .expect(204);
    expect((await t.http().get('/api/v1/me').set(owner.auth).expect(200)).body.emailVerified).toBe(true);
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);
    // Asking again once verified sends nothing more.
    await t.http().post('/api/v1/auth/email-verification').set(owner.auth).expect(202);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'auth.email-verification' AND recipient = $1`, [
      owner.email,
    ]);
    expect(n).toBe(1);
  });
});
