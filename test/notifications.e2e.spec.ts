import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotificationOutbox } from '@nongsan/core';
import { SmtpFake } from './fakes/smtp.fake.js';
import { createTestApp, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';
import { sharedEnv, WorkerProcess } from './harness/worker-process.js';

const PUBLIC_URL = 'https://nongsan.example.vn';

const outboxRows = (t: TestApp, eventKey: string) =>
  t.db.query(`SELECT id, status, attempts, last_error AS "lastError", data FROM notification_outbox WHERE event_key = $1 ORDER BY created_at`, [
    eventKey,
  ]) as Promise<Array<{ id: string; status: string; attempts: number; lastError: string | null; data: Record<string, unknown> }>>;

/**
 * Issue #26: the outbox is delivered — by the in-process worker (the embedded default) or by a
 * worker process — to a real SMTP server started here, at least once and never twice.
 */
describe('notification delivery by e-mail', () => {
  let smtp: SmtpFake;
  let t: TestApp;
  let outbox: NotificationOutbox;
  let n = 0;
  const event = () => `test.event:${Date.now()}:${++n}`;

  beforeAll(async () => {
    smtp = await SmtpFake.start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL, NOTIFY_RETRY_BASE_SECONDS: '1' } });
    outbox = t.app.get(NotificationOutbox);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('sends a message written with its change once, in its language, as HTML and text with links on PUBLIC_URL', async () => {
    const eventKey = event();
    const data = { cooperativeName: 'HTX <Nhơn Lộc> & Co', reason: 'Thiếu giấy phép "kinh doanh"' };
    await t.db.transaction((manager) =>
      outbox.add(
        [
          { channel: 'email', recipient: 'vi@test.nongsan.vn', template: 'cooperative.rejected', locale: 'vi', data, eventKey },
          { channel: 'email', recipient: 'en@test.nongsan.vn', template: 'cooperative.rejected', locale: 'en', data, eventKey },
        ],
        manager,
      ),
    );
    const rows = await eventually(
      () => outboxRows(t, eventKey),
      (r) => r.every((row) => row.status === 'sent'),
    );
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);

    const [vi] = smtp.to('vi@test.nongsan.vn');
    expect(vi.subject).toBe('Hồ sơ của HTX <Nhơn Lộc> & Co chưa được duyệt');
    expect(vi.text).toContain('Lý do: Thiếu giấy phép "kinh doanh"');
    expect(vi.text).toContain(`Bổ sung hồ sơ: ${PUBLIC_URL}/seller/onboarding`);
    // Data is escaped in the HTML part: no markup of the sender's choosing.
    expect(vi.html).toContain('HTX &lt;Nhơn Lộc&gt; &amp; Co');
    expect(vi.html).not.toContain('<Nhơn Lộc>');
    expect(vi.html).toContain(`href="${PUBLIC_URL}/seller/onboarding"`);
    // The Message-ID is the outbox row: a retry of the same row is the same message.
    expect([...rows.map((r) => `<${r.id}@nongsan.example.vn>`)]).toContain(vi.messageId);

    const [en] = smtp.to('en@test.nongsan.vn');
    expect(en.subject).toBe('HTX <Nhơn Lộc> & Co was not approved');
    expect(en.text).toContain('Reason: Thiếu giấy phép "kinh doanh"');
  });

  it('writes one message for an event added twice (a retried request, a replayed webhook)', async () => {
    const eventKey = event();
    const message = {
      channel: 'email' as const,
      recipient: 'twice@test.nongsan.vn',
      template: 'cooperative.approved',
      data: { cooperativeName: 'HTX Hai Lần' },
      eventKey,
    };
    await outbox.add([message]);
    await outbox.add([message]);
    await eventually(
      () => outboxRows(t, eventKey),
      (r) => r[0]?.status === 'sent',
    );
    expect(await outboxRows(t, eventKey)).toHaveLength(1);
    expect(smtp.to('twice@test.nongsan.vn')).toHaveLength(1);
  });

  it('keeps messages while SMTP is down and sends them when it is back; the change itself succeeds', async () => {
    await smtp.stop();
    // A registration owes a verification e-mail: it succeeds all the same.
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'down@test.nongsan.vn', password: 'mat-khau-thu-nghiem', fullName: 'Người Chờ Thư' })
      .expect(201);
    const [{ event_key: eventKey }] = await t.db.query(`SELECT event_key FROM notification_outbox WHERE recipient = 'down@test.nongsan.vn'`);
    const waiting = await eventually(
      () => outboxRows(t, eventKey),
      (r) => r[0]?.attempts >= 2,
    );
    expect(waiting[0]).toMatchObject({ status: 'pending' });
    expect(waiting[0].lastError).toMatch(/^SMTP /);

    await smtp.start();
    const sent = await eventually(
      () => outboxRows(t, eventKey),
      (r) => r[0]?.status === 'sent',
    );
    expect(sent[0]).toMatchObject({ status: 'sent', lastError: null });
    expect(smtp.to('down@test.nongsan.vn')).toHaveLength(1);
  }, 90_000);

  it('gives up on an address the server refuses for good, with the reason recorded', async () => {
    const eventKey = event();
    await outbox.add([
      { channel: 'email', recipient: 'no-such-mailbox@test.nongsan.vn', template: 'cooperative.approved', data: { cooperativeName: 'HTX' }, eventKey },
    ]);
    const [row] = await eventually(
      () => outboxRows(t, eventKey),
      (r) => r[0]?.status !== 'pending',
    );
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^SMTP 550: .*No such mailbox/);
  });
});

/**
 * A worker process killed with SIGKILL while the SMTP server holds its DATA reply, then started
 * again: the message is neither lost nor delivered twice.
 */
describe('a worker killed mid-send', () => {
  let smtp: SmtpFake;
  let t: TestApp;
  let worker: WorkerProcess;
  let dataDir: string;

  beforeAll(async () => {
    smtp = await SmtpFake.start();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL, NOTIFY_SEND_LEASE_SECONDS: '5', QUEUE_HEARTBEAT_SECONDS: '10', QUEUE_SUPERVISE_SECONDS: '2' };
    t = await createTestApp({ env: { ...env, RUN_WORKER: 'false' } });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-worker-'));
    worker = new WorkerProcess({
      ...env,
      ...sharedEnv(t, dataDir),
      LOG_LEVEL: 'warn',
    });
    await worker.start();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await smtp?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and sends nothing twice', async () => {
    const held = smtp.holdNextData();
    const messages = ['a', 'b', 'c'].map((who) => ({
      channel: 'email' as const,
      recipient: `crash-${who}@test.nongsan.vn`,
      template: 'cooperative.approved',
      data: { cooperativeName: `HTX ${who}` },
      eventKey: `crash:${who}`,
    }));
    await t.app.get(NotificationOutbox).add(messages);
    await held;
    await worker.crash();
    const [claimed] = await t.db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE attempts > 0 AND status = 'pending'`);
    expect(claimed.n).toBeGreaterThanOrEqual(1);

    await worker.start();
    const rows = await eventually(
      () => t.db.query(`SELECT id, status FROM notification_outbox WHERE event_key LIKE 'crash:%'`) as Promise<Array<{ id: string; status: string }>>,
      (r) => r.length === 3 && r.every((row) => row.status === 'sent'),
      120_000,
      250,
    );
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    for (const m of messages) expect(smtp.to(m.recipient)).toHaveLength(1);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
  }, 240_000);
});
