import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './harness/database.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/apps/cli/src/main.js');

describe('npm run cli', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-cli-'));
    env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
  const query = async (sql: string, params: unknown[]) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  it('reports an up-to-date database on migrate', async () => {
    const { stdout } = await cli('migrate');
    expect(stdout).toContain('database is up to date');
  });

  it('creates the first official, who can then sign in with that password', async () => {
    const { stdout } = await cli(
      'user:create',
      '--role',
      'official',
      '--email',
      'so.congthuong@example.vn',
      '--password',
      'mat-khau-so-ct',
      '--name',
      'Trần Văn Bình',
    );
    expect(stdout).toMatch(/so\.congthuong@example\.vn \(official\)/);
    const [user] = await query(`SELECT full_name, roles, password_hash FROM users WHERE email = $1`, ['so.congthuong@example.vn']);
    expect(user).toMatchObject({ full_name: 'Trần Văn Bình', roles: ['official'] });
    expect(await argon2.verify(user.password_hash, 'mat-khau-so-ct')).toBe(true);

    // Running it again resets the password instead of failing: how a locked-out official is helped.
    await cli('user:create', '--role', 'official', '--email', 'SO.CONGTHUONG@example.vn', '--password', 'mat-khau-moi-123');
    const rows = await query(`SELECT password_hash FROM users WHERE lower(email) = $1`, ['so.congthuong@example.vn']);
    expect(rows).toHaveLength(1);
    expect(await argon2.verify(rows[0].password_hash, 'mat-khau-moi-123')).toBe(true);
  });

  it('gives an official the finance permission with --finance, and takes it away without', async () => {
    const { stdout } = await cli('user:create', '--role', 'official', '--finance', '--email', 'ke.toan@example.vn', '--password', 'mat-khau-ke-toan');
    expect(stdout).toMatch(/ke\.toan@example\.vn \(official, finance\)/);
    await cli('user:create', '--role', 'official', '--email', 'ke.toan@example.vn', '--password', 'mat-khau-ke-toan');
    expect(await query(`SELECT roles FROM users WHERE email = $1`, ['ke.toan@example.vn'])).toEqual([{ roles: ['official'] }]);
    await expect(cli('user:create', '--role', 'buyer', '--finance', '--email', 'y@example.vn', '--password', 'long-enough')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--finance is given to officials only'),
    });
  });

  it('refuses an unknown role or a short password, saying why, and creates nothing', async () => {
    await expect(cli('user:create', '--role', 'mayor', '--email', 'x@example.vn', '--password', 'long-enough')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('must be one of buyer, coop_member, coop_admin, official, admin'),
    });
    await expect(cli('user:create', '--role', 'official', '--email', 'x@example.vn', '--password', 'short')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--password must be at least 8 characters'),
    });
    expect(await query(`SELECT 1 FROM users WHERE email = $1`, ['x@example.vn'])).toHaveLength(0);
  });

  it('queues a full channel sync for a cooperative, or says there is nothing to sync', async () => {
    const coop = await query(
      `INSERT INTO cooperatives (name, slug, tax_code, representative, phone, email, ward_code, address_line, status, created_by)
                              SELECT 'HTX Thử CLI', 'htx-thu-cli', '0312345678', 'A', '+84256382212', 'a@example.vn', '21910', 'x', 'approved', id FROM users LIMIT 1 RETURNING id`,
      [],
    );
    const id = (coop as Array<{ id: string }>)[0].id;
    const { stdout } = await cli('channels:sync', '--cooperative', id);
    expect(stdout).toContain('no connected shop');
    await expect(cli('channels:sync', '--cooperative', 'not-a-uuid')).rejects.toMatchObject({
      stderr: expect.stringContaining('--cooperative must be a cooperative id'),
    });
  });
});
