import { loadSettings, SettingsError } from './settings.js';

describe('loadSettings', () => {
  it('has safe embedded defaults', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({ port: 3000, databaseUrl: undefined, runWorker: true, seedDemo: undefined, logLevel: 'info' });
    expect(s.dataDir).toMatch(/\.data$/);
    expect(s.s3).toMatchObject({ endpoint: undefined, forcePathStyle: true, checksums: 'WHEN_REQUIRED' });
  });

  it('names every wrong variable at once', () => {
    let error: unknown;
    try {
      loadSettings({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe', CREDENTIALS_KEY: 'c2hvcnQ=', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'SEED_DEMO', 'CREDENTIALS_KEY', 'JWT_SECRET']) expect(message).toContain(name);
  });

  it('takes a platform’s API base URL from CHANNEL_<PLATFORM>_BASE_URL, and names a wrong one', () => {
    expect(loadSettings({ CHANNEL_CHO_PHIEN_BASE_URL: 'http://127.0.0.1:4010/', CHANNEL_ORDER_POLL_SECONDS: '60' }).channels.baseUrls).toEqual({
      'cho-phien': 'http://127.0.0.1:4010',
    });
    expect(loadSettings({}).channels.baseUrls).toEqual({});
    expect(() => loadSettings({ CHANNEL_CHO_PHIEN_BASE_URL: 'ftp://x' })).toThrow(/CHANNEL_CHO_PHIEN_BASE_URL must be a http: or https: URL/);
  });

  it('takes where sellers approve the app from CHANNEL_<PLATFORM>_AUTH_URL, apart from the API base URLs', () => {
    const channels = loadSettings({ CHANNEL_TIKTOK_SHOP_AUTH_URL: 'http://127.0.0.1:4011/', CHANNEL_LAZADA_BASE_URL: 'http://127.0.0.1:4012/rest' }).channels;
    expect(channels.authUrls).toEqual({ 'tiktok-shop': 'http://127.0.0.1:4011' });
    expect(channels.baseUrls).toEqual({ lazada: 'http://127.0.0.1:4012/rest' });
    expect(() => loadSettings({ CHANNEL_LAZADA_AUTH_URL: 'auth.lazada.com' })).toThrow(/CHANNEL_LAZADA_AUTH_URL must be a http: or https: URL/);
  });

  it('never prints a database password in its complaint', () => {
    expect(() => loadSettings({ DATABASE_URL: 'mysql://nongsan:s3cret@db/x' })).toThrow(/nongsan:\*\*\*@db/);
    expect(() => loadSettings({ DATABASE_URL: 'mysql://nongsan:s3cret@db/x' })).not.toThrow(/s3cret/);
  });

  it('demands real secrets and a real database in production', () => {
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL[\s\S]*JWT_SECRET[\s\S]*CREDENTIALS_KEY[\s\S]*PUBLIC_URL[\s\S]*S3_ENDPOINT must be set when NODE_ENV=production[\s\S]*SMTP_URL/,
    );
  });

  it('wants an S3 server with its secret key in production, and never the embedded store', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      JWT_SECRET: 'j'.repeat(32),
      CREDENTIALS_KEY: Buffer.alloc(32).toString('base64'),
      PUBLIC_URL: 'https://nongsan.example.vn',
      SMTP_URL: 'smtp://mail.example.vn:587',
    };
    expect(() => loadSettings(production)).toThrow(/S3_ENDPOINT must be set when NODE_ENV=production/);
    expect(() => loadSettings({ ...production, S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_SECRET_ACCESS_KEY must be set when S3_ENDPOINT is set/);
    expect(loadSettings({ ...production, S3_ENDPOINT: 'http://minio:9000', S3_SECRET_ACCESS_KEY: 'minio-secret' }).s3.endpoint).toBe('http://minio:9000');
    // In development the embedded store generates its own secret key (DATA_DIR/secrets.json).
    expect(loadSettings({}).s3.secretAccessKey).toBeUndefined();
  });

  it('serves the API docs unless in production, where SWAGGER_ENABLED turns them on', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      JWT_SECRET: 'j'.repeat(32),
      CREDENTIALS_KEY: Buffer.alloc(32).toString('base64'),
      PUBLIC_URL: 'https://nongsan.example.vn',
      S3_ENDPOINT: 'http://minio:9000',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      SMTP_URL: 'smtp://mail.example.vn:587',
    };
    expect(loadSettings({}).swaggerEnabled).toBe(true);
    expect(loadSettings({ SWAGGER_ENABLED: 'false' }).swaggerEnabled).toBe(false);
    expect(loadSettings(production).swaggerEnabled).toBe(false);
    expect(loadSettings({ ...production, SWAGGER_ENABLED: 'true' }).swaggerEnabled).toBe(true);
  });

  it('keeps /metrics closed without a METRICS_TOKEN, and refuses a short one', () => {
    expect(loadSettings({}).metricsToken).toBeUndefined();
    expect(() => loadSettings({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters long/);
  });

  it('gives queue jobs a heartbeat pg-boss accepts (at least 10 s)', () => {
    expect(loadSettings({}).queue).toEqual({ heartbeatSeconds: 30, superviseSeconds: 30 });
    expect(() => loadSettings({ QUEUE_HEARTBEAT_SECONDS: '5' })).toThrow(/QUEUE_HEARTBEAT_SECONDS must be an integer between 10 and 3600/);
  });

  it('counts a variant as low on stock at 5 or fewer unless told otherwise', () => {
    expect(loadSettings({}).catalog).toEqual({ lowStockThreshold: 5 });
    expect(loadSettings({ LOW_STOCK_THRESHOLD: '0' }).catalog.lowStockThreshold).toBe(0);
    expect(() => loadSettings({ LOW_STOCK_THRESHOLD: '-1' })).toThrow(/LOW_STOCK_THRESHOLD must be an integer between 0 and 10000000/);
    expect(() => loadSettings({ LOW_STOCK_THRESHOLD: 'few' })).toThrow(/LOW_STOCK_THRESHOLD/);
  });

  it('asks for the webhook secret when Stripe is configured', () => {
    expect(() => loadSettings({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });

  it('reads the tax withholding table (Decree 117/2025 goods rates by default) and names a wrong one', () => {
    expect(loadSettings({}).taxWithholding).toEqual({ vatBps: 100, pitBps: 50 });
    expect(loadSettings({ TAX_WITHHOLDING_BPS: 'pit:150, vat:300' }).taxWithholding).toEqual({ vatBps: 300, pitBps: 150 });
    for (const wrong of ['vat:100', 'vat:1%,pit:50', 'vat:100,pit:50,cit:10', 'vat:100,vat:50'])
      expect(() => loadSettings({ TAX_WITHHOLDING_BPS: wrong })).toThrow(/TAX_WITHHOLDING_BPS/);
  });
});
