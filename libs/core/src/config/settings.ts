import path from 'node:path';

/**
 * Every runtime setting, read once from the environment and validated at start.
 * A wrong value stops the app with a message naming the variable, never a half-configured start;
 * `.env.example` lists the same variables with their defaults.
 */
export interface Settings {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** Unset → an embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  databasePoolSize: number;
  embeddedPostgresPort: number;
  s3: {
    /** Unset → an embedded S3-protocol server under `dataDir`. */
    endpoint?: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string | undefined;
    forcePathStyle: boolean;
    /** Base URL for public objects (product images); unset → served by the app itself under /api/v1/media/. */
    publicUrl?: string;
    checksums: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
    presignTtlSeconds: number;
  };
  embeddedS3Port: number;
  stripe: { secretKey?: string; webhookSecret?: string; apiBase?: string };
  /** Unset in embedded mode → generated once and kept under `dataDir`. */
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** 32 bytes, base64. Unset in embedded mode → generated once and kept under `dataDir`. */
  credentialsKey?: string;
  /** Unset → on for the first start of an embedded database, off otherwise. */
  seedDemo?: boolean;
  runWorker: boolean;
  /**
   * heartbeatSeconds: how long a job may go without its worker's heartbeat before it is given to
   * another worker (a worker killed with its jobs in hand); superviseSeconds: how often workers
   * look for such jobs.
   */
  queue: { heartbeatSeconds: number; superviseSeconds: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The bearer token Prometheus sends to /metrics; unset → /metrics answers 404 to everyone. */
  metricsToken?: string;
  /** /api/docs and /api/docs-json; off by default when NODE_ENV=production. */
  swaggerEnabled: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** maxFailuresPerAccount counts per account and client address; then each try waits delayBaseSeconds × 2^k. */
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMinutes: number; delayBaseSeconds: number };
  /** Accounts one client address may try to register in any hour (several buyers share a carrier's address). */
  registrationsPerIpPerHour: number;
  corsOrigins: string[];
  /** The built web app (`npm run build` → dist/web), served at `/`; absent → `/` opens the API docs. */
  webDir: string;
  /** lowStockThreshold: a variant with this many or fewer on hand is counted low on the seller's home. */
  catalog: { lowStockThreshold: number };
  /**
   * commissionBps: the platform's share of an order's goods, in basis points (100 = 1 %).
   * codConfirmHours: a cash-on-delivery order its cooperative has not confirmed by then is cancelled.
   * codOpenOrdersPerNewAccount: open cash-on-delivery orders an account younger than 30 days may hold.
   * returnWindowDays: how long after delivery a buyer may ask to return goods.
   */
  orders: {
    unpaidExpiryMinutes: number;
    maxQuantityPerLine: number;
    commissionBps: number;
    codConfirmHours: number;
    codOpenOrdersPerNewAccount: number;
    returnWindowDays: number;
  };
  /**
   * The tax withheld on a household seller's goods for each order paid through the platform
   * (Decree 117/2025/NĐ-CP: goods 1 % VAT, 0.5 % PIT), in basis points of the goods' value.
   */
  taxWithholding: { vatBps: number; pitBps: number };
  /** Flat shipping fee per cooperative's parcel by weight: the first band whose limit fits, then per extra kg. */
  shipping: { bands: Array<{ maxGrams: number; fee: number }>; extraPerKg: number };
  /**
   * Carriers (GHN, GHTK): each one's base URL, so tests and sandboxes point elsewhere; GHTK's
   * partner code sent as X-Client-Source; how long a fee quote is reused for the same route and weight.
   */
  delivery: {
    baseUrls: { ghn: string; ghtk: string };
    ghtkClientSource: string;
    requestTimeoutMs: number;
    quoteCacheSeconds: number;
  };
  /** The platform's account that VietQR transfers go to. */
  vietqr: { bankBin: string; accountNumber: string; accountName: string };
  channels: {
    /**
     * API base URLs that replace a platform's live one, so tests and sandboxes point elsewhere, by
     * platform id: CHANNEL_CHO_PHIEN_BASE_URL → `cho-phien`.
     */
    baseUrls: Record<string, string>;
    /**
     * Where sellers approve the operator's app and tokens are issued, replacing a platform's live
     * hosts the same way: CHANNEL_LAZADA_AUTH_URL → `lazada`.
     */
    authUrls: Record<string, string>;
    /**
     * The operator's own app on each platform, registered once: sellers connect their shops by
     * approving it. A platform without one keeps only the form where credentials are typed.
     */
    apps: {
      shopee?: { partnerId: string; partnerKey: string };
      lazada?: { appKey: string; appSecret: string };
      'tiktok-shop'?: { appKey: string; appSecret: string; serviceId: string };
    };
    /** The app's public address: webhooks, feed links, app-served images; unset → taken from each request (required in production). */
    publicUrl?: string;
    orderPollSeconds: number;
    requestTimeoutMs: number;
    /** Calls per second per connection, and the burst a quiet connection may spend at once. */
    ratePerSecond: number;
    rateBurst: number;
    /** Retryable failures in a row before a listing's sync is dead-lettered. */
    maxAttempts: number;
    /** First retry delay; doubles each attempt, with jitter, up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
  };
  /**
   * smtpUrl: unset → a local mail catcher under `dataDir` (refused in production).
   * sendLeaseSeconds: how long a claimed message is left to its sender before another worker may
   * try it again (a worker killed mid-send); longer than an SMTP or ZNS call can take.
   * zns: Zalo Notification Service; off without an access token. `templates` maps a moment
   * (`order.shipped`) to the id of its template approved by Zalo.
   */
  notifications: {
    smtpUrl?: string;
    emailFrom: string;
    maxAttempts: number;
    retryBaseSeconds: number;
    sendLeaseSeconds: number;
    zns: { accessToken?: string; baseUrl: string; templates: Record<string, string>; timeoutMs: number };
    /** An unverified cooperative admin may not submit for review. */
    emailVerificationRequired: boolean;
  };
}

/**
 * The most ORDER_MAX_QUANTITY_PER_LINE may be, and so the most units a cart line may ask for at all:
 * above it a quantity is refused as input (400) instead of priced (1e308 units priced to Infinity).
 */
export const QUANTITY_PER_LINE_CEILING = 100_000;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects every problem before failing, so one start shows all wrong variables at once. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** A group of settings that only work together (an app's id and its secret): all of them, or none (and a problem when only some are set). */
  app<K extends string>(names: Record<K, string>): Record<K, string> | undefined {
    const values = Object.fromEntries(Object.entries<string>(names).map(([key, name]) => [key, this.raw(name)])) as Record<K, string | undefined>;
    const missing = Object.entries<string>(names)
      .filter(([key]) => values[key as K] === undefined)
      .map(([, name]) => name);
    if (missing.length === Object.keys(names).length) return undefined;
    if (missing.length > 0) {
      this.problems.push(
        `${missing.join(', ')} must be set together with ${Object.values<string>(names)
          .filter((name) => !missing.includes(name))
          .join(', ')}`,
      );
      return undefined;
    }
    return values as Record<K, string>;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  /** `vat:100,pit:50` → {vat: 100, pit: 50}: every one of `keys`, once each, in basis points. */
  rates<K extends string>(name: string, keys: readonly K[], fallback: string): Record<K, number> {
    const value = this.raw(name) ?? fallback;
    const parse = (text: string) => {
      const pairs = text.split(',').map((part) => part.trim().split(':'));
      const ok =
        pairs.length === keys.length &&
        pairs.every((p) => p.length === 2 && (keys as readonly string[]).includes(p[0]) && /^\d+$/.test(p[1]) && Number(p[1]) <= 10_000);
      const rates = Object.fromEntries(pairs.map(([key, bps]) => [key, Number(bps)])) as Record<K, number>;
      return ok && keys.every((k) => k in rates) ? rates : undefined;
    };
    const rates = parse(value);
    if (rates) return rates;
    this.problems.push(`${name} must give ${keys.join(', ')} once each as "key:basis points", like ${fallback} (got "${value}")`);
    return parse(fallback)!;
  }

  /** `1000:22000,3000:30000` → [{maxGrams: 1000, fee: 22000}, …], ascending. */
  bands(name: string, fallback: string): Array<{ maxGrams: number; fee: number }> {
    const value = this.raw(name) ?? fallback;
    const bands = value.split(',').map((part) => part.trim().split(':').map(Number));
    if (bands.some((b) => b.length !== 2 || !b.every((n) => Number.isInteger(n) && n > 0)) || bands.some((b, i) => i > 0 && b[0] <= bands[i - 1][0])) {
      this.problems.push(`${name} must be ascending "grams:fee" pairs like 1000:22000,3000:30000 (got "${value}")`);
      return [];
    }
    return bands.map(([maxGrams, fee]) => ({ maxGrams, fee }));
  }

  /** `order.shipped:1234,order.confirmed:5678` → {'order.shipped': '1234', …}. */
  pairs(name: string): Record<string, string> {
    const value = this.raw(name);
    if (value === undefined) return {};
    const pairs = value.split(',').map((part) =>
      part
        .trim()
        .split(':')
        .map((p) => p.trim()),
    );
    if (pairs.some((p) => p.length !== 2 || !/^[a-z][a-z0-9._-]*$/.test(p[0]) || !/^[0-9A-Za-z_-]+$/.test(p[1]))) {
      this.problems.push(`${name} must be "moment:template id" pairs like order.shipped:234567,order.confirmed:234568 (got "${value}")`);
      return {};
    }
    return Object.fromEntries(pairs);
  }

  matches(name: string, pattern: RegExp, fallback: string, description: string): string {
    const value = this.raw(name) ?? fallback;
    if (!pattern.test(value)) {
      this.problems.push(`${name} must be ${description} (got "${value}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean;
  bool(name: string, fallback: undefined): boolean | undefined;
  bool(name: string, fallback: boolean | undefined): boolean | undefined {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${redactUrl(value)}")`);
      return undefined;
    }
  }

  /** Every variable `pattern` matches, keyed by its captured part in lower case with `-` for `_`. */
  urlsNamed(pattern: RegExp, protocols: string[]): Record<string, string> {
    return Object.fromEntries(
      Object.keys(this.env).flatMap((name) => {
        const key = pattern.exec(name)?.[1];
        const value = key === undefined ? undefined : this.url(name, protocols);
        return key === undefined || value === undefined ? [] : [[key.toLowerCase().replaceAll('_', '-'), value]];
      }),
    );
  }

  minLength(name: string, min: number): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < min) {
      this.problems.push(`${name} must be at least ${min} characters long`);
      return undefined;
    }
    return value;
  }
}

function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export function isValidCredentialsKey(value: string): boolean {
  return Buffer.from(value, 'base64').length === 32;
}

export function loadSettings(env: Env = process.env): Settings {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const s3Endpoint = r.url('S3_ENDPOINT', ['http:', 'https:']);
  const credentialsKey = r.raw('CREDENTIALS_KEY');
  if (credentialsKey !== undefined && !isValidCredentialsKey(credentialsKey)) {
    r.problems.push('CREDENTIALS_KEY must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  }
  const settings: Settings = {
    nodeEnv,
    port: r.int('PORT', 3000, 0, 65535),
    host: r.string('HOST', '0.0.0.0'),
    dataDir: path.resolve(r.string('DATA_DIR', '.data')),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    embeddedPostgresPort: r.int('EMBEDDED_POSTGRES_PORT', 0, 0, 65535),
    s3: {
      endpoint: s3Endpoint,
      region: r.string('S3_REGION', 'us-east-1'),
      bucket: r.string('S3_BUCKET', 'nongsan'),
      accessKeyId: r.string('S3_ACCESS_KEY_ID', 'nongsan'),
      // Unset with the embedded store: generated once into DATA_DIR/secrets.json.
      secretAccessKey: r.raw('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: r.bool('S3_FORCE_PATH_STYLE', true),
      publicUrl: r.url('S3_PUBLIC_URL', ['http:', 'https:']),
      checksums: r.oneOf('S3_CHECKSUMS', ['WHEN_REQUIRED', 'WHEN_SUPPORTED'] as const, 'WHEN_REQUIRED'),
      presignTtlSeconds: r.int('S3_PRESIGN_TTL_SECONDS', 300, 10, 7 * 24 * 3600),
    },
    embeddedS3Port: r.int('EMBEDDED_S3_PORT', 0, 0, 65535),
    stripe: {
      secretKey: r.raw('STRIPE_SECRET_KEY'),
      webhookSecret: r.raw('STRIPE_WEBHOOK_SECRET'),
      apiBase: r.url('STRIPE_API_BASE', ['http:', 'https:']),
    },
    jwtSecret: r.minLength('JWT_SECRET', 32),
    accessTokenTtlSeconds: r.int('JWT_ACCESS_TTL_SECONDS', 900, 30, 24 * 3600),
    refreshTokenTtlDays: r.int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    credentialsKey,
    seedDemo: r.bool('SEED_DEMO', undefined),
    runWorker: r.bool('RUN_WORKER', true),
    queue: {
      heartbeatSeconds: r.int('QUEUE_HEARTBEAT_SECONDS', 30, 10, 3600),
      superviseSeconds: r.int('QUEUE_SUPERVISE_SECONDS', 30, 1, 3600),
    },
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    metricsToken: r.minLength('METRICS_TOKEN', 16),
    swaggerEnabled: r.bool('SWAGGER_ENABLED', nodeEnv !== 'production'),
    trustProxy: r.bool('TRUST_PROXY', false),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    login: {
      maxFailuresPerAccount: r.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      maxFailuresPerIp: r.int('LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100000),
      windowMinutes: r.int('LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60),
      delayBaseSeconds: r.int('LOGIN_DELAY_BASE_SECONDS', 30, 1, 3600),
    },
    registrationsPerIpPerHour: r.int('REGISTRATIONS_PER_IP_PER_HOUR', 20, 1, 1_000_000),
    corsOrigins: (r.raw('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    webDir: path.resolve(r.string('WEB_DIR', 'dist/web')),
    catalog: {
      lowStockThreshold: r.int('LOW_STOCK_THRESHOLD', 5, 0, 10_000_000),
    },
    orders: {
      unpaidExpiryMinutes: r.int('ORDER_UNPAID_EXPIRY_MINUTES', 30, 1, 7 * 24 * 60),
      maxQuantityPerLine: r.int('ORDER_MAX_QUANTITY_PER_LINE', 100, 1, QUANTITY_PER_LINE_CEILING),
      commissionBps: r.int('PLATFORM_COMMISSION_BPS', 0, 0, 10_000),
      codConfirmHours: r.int('COD_CONFIRM_HOURS', 48, 1, 30 * 24),
      codOpenOrdersPerNewAccount: r.int('COD_OPEN_ORDERS_PER_NEW_ACCOUNT', 3, 1, 1000),
      returnWindowDays: r.int('RETURN_WINDOW_DAYS', 7, 0, 365),
    },
    taxWithholding: (({ vat, pit }) => ({ vatBps: vat, pitBps: pit }))(r.rates('TAX_WITHHOLDING_BPS', ['vat', 'pit'] as const, 'vat:100,pit:50')),
    shipping: {
      bands: r.bands('SHIPPING_FEE_BANDS', '1000:22000,3000:30000,5000:38000,10000:55000'),
      extraPerKg: r.int('SHIPPING_FEE_PER_EXTRA_KG', 5000, 0, 1_000_000),
    },
    delivery: {
      baseUrls: {
        ghn: r.url('CARRIER_GHN_BASE_URL', ['http:', 'https:']) ?? 'https://online-gateway.ghn.vn',
        ghtk: r.url('CARRIER_GHTK_BASE_URL', ['http:', 'https:']) ?? 'https://services.giaohangtietkiem.vn',
      },
      ghtkClientSource: r.string('CARRIER_GHTK_CLIENT_SOURCE', 'NONGSAN'),
      requestTimeoutMs: r.int('CARRIER_REQUEST_TIMEOUT_MS', 8_000, 100, 120_000),
      quoteCacheSeconds: r.int('CARRIER_QUOTE_CACHE_SECONDS', 600, 0, 86_400),
    },
    vietqr: {
      bankBin: r.matches('VIETQR_BANK_BIN', /^\d{6}$/, '970446', 'a 6-digit bank BIN (e.g. 970436 for Vietcombank)'),
      accountNumber: r.matches('VIETQR_ACCOUNT_NUMBER', /^[0-9A-Za-z]{1,19}$/, '0000000000', '1–19 letters or digits'),
      accountName: r.string('VIETQR_ACCOUNT_NAME', 'NONG SAN DEMO'),
    },
    channels: {
      baseUrls: r.urlsNamed(/^CHANNEL_([A-Z0-9_]+)_BASE_URL$/, ['http:', 'https:']),
      authUrls: r.urlsNamed(/^CHANNEL_([A-Z0-9_]+)_AUTH_URL$/, ['http:', 'https:']),
      apps: {
        shopee: r.app({ partnerId: 'SHOPEE_PARTNER_ID', partnerKey: 'SHOPEE_PARTNER_KEY' }),
        lazada: r.app({ appKey: 'LAZADA_APP_KEY', appSecret: 'LAZADA_APP_SECRET' }),
        'tiktok-shop': r.app({ appKey: 'TIKTOK_SHOP_APP_KEY', appSecret: 'TIKTOK_SHOP_APP_SECRET', serviceId: 'TIKTOK_SHOP_SERVICE_ID' }),
      },
      publicUrl: r.url('PUBLIC_URL', ['http:', 'https:']),
      orderPollSeconds: r.int('CHANNEL_ORDER_POLL_SECONDS', 300, 5, 24 * 3600),
      requestTimeoutMs: r.int('CHANNEL_REQUEST_TIMEOUT_MS', 15_000, 100, 120_000),
      ratePerSecond: r.int('CHANNEL_RATE_PER_SECOND', 5, 1, 1000),
      rateBurst: r.int('CHANNEL_RATE_BURST', 10, 1, 10_000),
      maxAttempts: r.int('CHANNEL_SYNC_MAX_ATTEMPTS', 12, 1, 100),
      retryBaseMs: r.int('CHANNEL_RETRY_BASE_MS', 1_000, 10, 3_600_000),
      retryMaxMs: r.int('CHANNEL_RETRY_MAX_MS', 900_000, 10, 86_400_000),
    },
    notifications: {
      smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
      emailFrom: r.string('NOTIFY_EMAIL_FROM', 'Nông sản <no-reply@nongsan.local>'),
      maxAttempts: r.int('NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseSeconds: r.int('NOTIFY_RETRY_BASE_SECONDS', 30, 1, 86_400),
      sendLeaseSeconds: r.int('NOTIFY_SEND_LEASE_SECONDS', 300, 5, 86_400),
      zns: {
        accessToken: r.raw('ZALO_ZNS_ACCESS_TOKEN'),
        baseUrl: r.url('ZALO_ZNS_BASE_URL', ['http:', 'https:']) ?? 'https://business.openapi.zalo.me',
        templates: r.pairs('ZALO_ZNS_TEMPLATES'),
        timeoutMs: r.int('ZALO_ZNS_TIMEOUT_MS', 15_000, 100, 120_000),
      },
      emailVerificationRequired: r.bool('EMAIL_VERIFICATION_REQUIRED', nodeEnv === 'production'),
    },
  };
  if (settings.stripe.secretKey && !settings.stripe.webhookSecret) {
    r.problems.push('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is set');
  }
  if (nodeEnv === 'production') {
    if (!settings.databaseUrl) r.problems.push('DATABASE_URL must be set when NODE_ENV=production');
    if (!settings.jwtSecret) r.problems.push('JWT_SECRET must be set when NODE_ENV=production');
    if (!credentialsKey) r.problems.push('CREDENTIALS_KEY must be set when NODE_ENV=production');
    // Absolute links the app hands out would otherwise come from the request's Host header, which the caller chooses.
    if (!settings.channels.publicUrl) r.problems.push('PUBLIC_URL must be set when NODE_ENV=production');
    // The embedded store keeps objects on this machine's disk, beside one process: not a production store.
    if (!s3Endpoint)
      r.problems.push('S3_ENDPOINT must be set when NODE_ENV=production (an S3 server such as MinIO or AWS S3; the embedded store is for development)');
    // The local mail catcher keeps mail on this machine: in production nobody would ever receive it.
    if (!settings.notifications.smtpUrl) r.problems.push('SMTP_URL must be set when NODE_ENV=production');
  }
  if (s3Endpoint && !settings.s3.secretAccessKey) r.problems.push('S3_SECRET_ACCESS_KEY must be set when S3_ENDPOINT is set');
  if (r.problems.length > 0) throw new SettingsError(r.problems);
  return settings;
}
