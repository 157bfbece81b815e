import jwt from 'jsonwebtoken';
import { Role } from '@nongsan/core';
import { createTestApp, signIn, type TestApp } from './harness/app.js';

describe('auth (register, login, refresh, /me, roles)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
  });
  afterAll(() => t.close());

  it('registers, signs in and answers /me with the user, never the password hash', async () => {
    const register = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'Lan.Nguyen@Example.vn', password: 'mật-khẩu-dài', fullName: 'Nguyễn Thị Lan', phone: '0905 123 456' })
      .expect(201);
    expect(register.body.user).toMatchObject({ email: 'Lan.Nguyen@Example.vn', roles: ['buyer'], phone: '+84905123456' });
    expect(register.body.accessToken).toEqual(expect.any(String));
    expect(register.body.refreshToken).toEqual(expect.any(String));

    const login = await t.http().post('/api/v1/auth/login').send({ email: 'lan.nguyen@example.vn', password: 'mật-khẩu-dài' }).expect(200);
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toEqual({
      id: register.body.user.id,
      email: 'Lan.Nguyen@Example.vn',
      fullName: 'Nguyễn Thị Lan',
      phone: '+84905123456',
      roles: ['buyer'],
      locale: 'vi',
      emailVerified: false,
    });
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|password/i);
  });

  it('refuses common passwords and ones made of the e-mail or the name, explaining why in Vietnamese and English', async () => {
    const register = (password: string, lang = 'vi') =>
      t.http().post('/api/v1/auth/register').set('Accept-Language', lang).send({ email: 'Hoa.Pham@example.vn', password, fullName: 'Phạm Thị Hoa' });
    // Issue #28: each of these was accepted (the only rule was 8 characters).
    const refused: Record<string, string> = {
      '12345678': 'Đây là một trong những mật khẩu bị dùng nhiều nhất.',
      password1: 'Đây là một mật khẩu phổ biến, nằm trong danh sách kẻ gian thử đầu tiên.',
      qwertyuiop: 'Đây là một mật khẩu bị dùng rất thường xuyên.',
      'hoa.pham@example.vn': 'Mật khẩu không được chứa email hay họ tên của bạn.',
      phamthihoa: 'Mật khẩu không được chứa email hay họ tên của bạn.',
    };
    for (const [password, message] of Object.entries(refused)) {
      const res = await register(password).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details[0]).toEqual({ field: 'password', message });
      expect(res.body.error.details.every((d: { field: string }) => d.field === 'password')).toBe(true);
    }
    const english = await register('12345678', 'en').expect(400);
    expect(english.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      'This is one of the most used passwords.',
      'Add a few more uncommon words, such as a short sentence only you would think of.',
    ]);
    expect(await t.db.query(`SELECT 1 FROM users WHERE lower(email) = 'hoa.pham@example.vn'`)).toEqual([]);
    // A few words only she would put together pass.
    await register('hoa-sen-nở-bên-hồ').expect(201);
  });

  it('refuses a second account with the same email, whatever its case, naming the field', async () => {
    await signIn(t, Role.Buyer, 'trung@example.vn');
    const res = await t.http().post('/api/v1/auth/register').send({ email: 'TRUNG@example.vn', password: 'mat-khau-dai-du', fullName: 'X' }).expect(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
    expect(res.body.error.details).toEqual([{ field: 'email', message: 'Email này đã được đăng ký.' }]);
  });

  it('answers a wrong password and an unknown email the same way: 401 INVALID_CREDENTIALS', async () => {
    const user = await signIn(t);
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'sai-mat-khau' }).expect(401);
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.vn', password: 'sai-mat-khau' }).expect(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error).toEqual({ ...wrong.body.error, requestId: unknown.body.error.requestId });
  });

  it('throttles an account after too many failures with 429 and Retry-After, even for the right password', async () => {
    const user = await signIn(t);
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'mat-khau-thu-nghiem' }).expect(429);
    expect(blocked.body.error.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not punished for it.
    const other = await signIn(t);
    await t.http().post('/api/v1/auth/login').send({ email: other.email, password: 'mat-khau-thu-nghiem' }).expect(200);
  });

  it('lets a buyer reach buyer routes but answers 403 on an official-only route', async () => {
    const buyer = await signIn(t);
    const res = await t.http().get('/api/v1/admin/audit').set(buyer.auth).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const official = await signIn(t, Role.Official);
    await t.http().get('/api/v1/admin/audit').set(official.auth).expect(200);
  });

  it('answers 401 without a token, with a tampered token, with an expired one, and with a foreign-signed one', async () => {
    const user = await signIn(t);
    expect((await t.http().get('/api/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');

    const [header, payload, signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const tampered = await t.http().get('/api/v1/admin/audit').set('Authorization', `Bearer ${header}.${escalated}.${signature}`).expect(401);
    expect(tampered.body.error.code).toBe('TOKEN_INVALID');

    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, t.config.jwtSecret, { algorithm: 'HS256' });
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${expired}`).expect(401);

    const foreign = jwt.sign({ ...claims }, 'some-other-secret-of-at-least-32-characters', { algorithm: 'HS256' });
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${foreign}`).expect(401);

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${none}`).expect(401);
  });

  it('rotates refresh tokens; reusing a rotated one is refused and ends the whole session', async () => {
    const user = await signIn(t);
    const first = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);

    const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(reuse.body.error.code).toBe('TOKEN_INVALID');
    // The thief replayed an old token: the legitimate newer token is revoked too.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
  });

  it('logs out: the refresh token and the unexpired access tokens of its session stop working, other sessions go on', async () => {
    const user = await signIn(t);
    const otherDevice = (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'mat-khau-thu-nghiem' }).expect(200)).body;
    const refreshed = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200)).body;
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);

    await t.http().post('/api/v1/auth/logout').send({ refreshToken: refreshed.refreshToken }).expect(204);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.refreshToken }).expect(401);
    // Both access tokens of the session ended (the first one and the refreshed one), minutes before they expire.
    for (const token of [user.accessToken, refreshed.accessToken]) {
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401)).body.error.code).toBe('TOKEN_INVALID');
    }
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${otherDevice.accessToken}`).expect(200);
  });

  it('ends the access tokens of a session whose rotated refresh token was replayed', async () => {
    const user = await signIn(t);
    const next = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200)).body;
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${next.accessToken}`).expect(401);
  });

  it('limits registrations per address per hour, counted in PostgreSQL, even when they arrive at once', async () => {
    const limited = await createTestApp({ env: { REGISTRATIONS_PER_IP_PER_HOUR: '2', TRUST_PROXY: 'true' } });
    try {
      const register = (ip: string, n: number) =>
        limited
          .http()
          .post('/api/v1/auth/register')
          .set('X-Forwarded-For', ip)
          .send({ email: `dang-ky-${ip}-${n}@example.vn`, password: 'mat-khau-dai-du', fullName: 'Người Mới' });
      const burst = await Promise.all([1, 2, 3, 4, 5].map((n) => register('198.51.100.7', n)));
      expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 429, 429, 429]);
      const refused = burst.find((r) => r.status === 429)!;
      expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      const [{ count }] = await limited.db.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM users WHERE email LIKE 'dang-ky-198.51.100.7-%'`,
      );
      expect(count).toBe(2);
      // Another address is not held back by this one.
      await register('203.0.113.9', 1).expect(201);
    } finally {
      await limited.close();
    }
  });

  it('refuses garbage refresh tokens with 401, not 500', async () => {
    for (const refreshToken of ['', 'abc', 'not.a.token', '00000000-0000-0000-0000-000000000000.x']) {
      const res = await t.http().post('/api/v1/auth/refresh').send({ refreshToken });
      expect(res.status).toBe(401);
    }
  });
});
