import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { readBody, startFakeServer, type FakeServer } from './fake-server.js';

/**
 * The server core the marketplace fakes (Shopee, Lazada, TikTok Shop) share. Every call goes
 * through the steps a platform gateway takes — recorded, maybe failed on purpose, routed, admitted
 * by the platform's own checks, charged to a rate-limit budget, answered by the endpoint, maybe
 * left unanswered after it took effect — and the core keeps what every fake keeps: the test
 * controls, the tokens it issued, and the records each shop or seller owns.
 *
 * A platform fake says only what is its own: how a call is signed and whose token it carries
 * (`admit`), its envelope and HTTP statuses (`reply`), its paths and payloads (`routes`) and the
 * words it refuses with.
 */

/** The types one platform's fake works in. */
export interface Protocol {
  /** How the test controls name a shop or seller. */
  accountId: number | string;
  account: object;
  call: RecordedCall;
  /** What an endpoint is handed once the gateway has admitted the call. */
  context: unknown;
  /** What an endpoint answers, before the platform puts it in its envelope. */
  answer: unknown;
  /** What the gateway requires of a call to a route: whose credentials, and for some platforms which body. */
  guard: unknown;
}

/** What every fake's call log records beside its platform's own fields. */
export interface RecordedCall {
  method: string;
  path: string;
  /** HTTP status sent; 0 while held, or when the socket was destroyed instead of answering. */
  status: number;
  fault?: FaultKind | 'drop';
}

export interface FakeRequest {
  method: string;
  /** The path below the fake's prefix (the whole path when the call is outside it). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  raw: Buffer;
  /** The body read as JSON or multipart form data, parsed on first use. */
  parsed(): Promise<ParsedBody>;
}

/** An answer in the platform's envelope, as it goes on the wire. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The call did what it asked; only such a call can have its answer lost (dropNextResponses). */
  ok: boolean;
}

export interface Route<P extends Protocol> {
  methods: string[];
  /** As registered, `{name}` placeholders included: one API, whatever the ids in a call. */
  path: string;
  guard: P['guard'];
  handler: (context: P['context']) => P['answer'] | Promise<P['answer']>;
}

/** A route found for a call, with the ids its path named. */
export interface RouteFound<P extends Protocol> {
  route: Route<P>;
  params: Record<string, string>;
}

/** The gateway's verdict on a routed call: who it is for and which rate-limit budget it spends (null: none), or the refusal to send. */
export type Admission<P extends Protocol> = { context: P['context']; budget: string | null } | { refusal: P['answer'] };

export interface MarketplaceFakeSetup {
  /** The fake's name in the errors a test's misuse throws (`ShopeeFake`). */
  name: string;
  /** What the platform calls the account a token is issued to (`shop`, `seller`). */
  accountNoun: string;
  /** Where the API sits below the origin (`/rest` on Lazada's hosts); calls outside it find no route. */
  prefix?: string;
  tokens: TokenPolicy;
  /** The fake's clock in ms, for timestamp windows, token lifetimes, order times and rate limits. */
  now?: () => number;
}

export abstract class MarketplaceFake<P extends Protocol> {
  readonly calls: Array<P['call']> = [];
  /** The origin and prefix an adapter is pointed at, no trailing slash. */
  baseUrl = '';

  protected readonly now: () => number;
  protected readonly accounts = new Map<P['accountId'], P['account']>();
  protected readonly tokens: TokenBook<P['account']>;
  protected readonly routes = new RouteTable<P>();

  private readonly prefix: string;
  private readonly faults = new FaultInjector();
  private readonly rateLimit = new RateLimiter();
  private server: FakeServer | null = null;

  protected constructor(private readonly setup: MarketplaceFakeSetup) {
    this.now = setup.now ?? Date.now;
    this.prefix = setup.prefix ?? '';
    this.tokens = new TokenBook(setup.tokens, this.now);
  }

  /** Serves on a free local port; a bug in the fake answers in the platform's envelope instead of killing Jest. */
  protected async listen(): Promise<this> {
    this.server = await startFakeServer(
      (req, res) => this.handle(req, res),
      (error) => this.crashBody(`${this.setup.name} failed: ${String(error)}`),
    );
    this.baseUrl = `${this.server.origin}${this.prefix}`;
    return this;
  }

  /** Ends held connections too, so a test run is not kept alive by a simulated timeout. */
  async close(): Promise<void> {
    this.faults.endHeld();
    await this.server?.close();
  }

  // ---- test controls -------------------------------------------------------------------------

  /** Every access token of the account stops working at once, as when it lapses; its refresh token still works. */
  expireAccessToken(accountId: P['accountId']): void {
    this.tokens.expire(this.mustAccount(accountId));
  }

  /** A token bucket for each budget the platform limits by: `perSecond` calls of burst, refilled continuously. */
  setRateLimit(limit: { perSecond: number } | null): void {
    this.rateLimit.set(limit);
  }

  /**
   * Each request, before anything takes effect, fails with `probability` as one of `kinds`. A
   * `timeout` holds the response for `holdMs` (default: until the client gives up or close()),
   * then answers 504 without doing anything.
   */
  injectFaults(options: FaultOptions): void {
    this.faults.inject(options);
  }

  /** The next `n` successful calls to `path` (below the prefix) do their work, then the socket is destroyed without an answer. */
  dropNextResponses(path: string, n: number): void {
    this.faults.dropNext(path, n);
  }

  clearFaults(): void {
    this.faults.clear();
    this.rateLimit.set(null);
  }

  // ---- what each platform says -----------------------------------------------------------------

  /** The call's log entry, made before anything else happens to the call. */
  protected abstract record(request: FakeRequest): P['call'] | Promise<P['call']>;
  /** The gateway's checks of a routed call: parameters, timestamp, signature, token. */
  protected abstract admit(request: FakeRequest, found: RouteFound<P>, call: P['call']): Admission<P> | Promise<Admission<P>>;
  /** Puts an answer in the platform's envelope, and writes on the call's log entry what the platform answered. */
  protected abstract reply(answer: P['answer'], call: P['call']): Reply;
  protected abstract unrouted(miss: 'path' | 'method'): P['answer'];
  /** An injected server fault; `timeout` is what a held call answers once its hold ends. */
  protected abstract serverFault(kind: Exclude<FaultKind, 'rate_limit'>): P['answer'];
  protected abstract rateLimited(retryAfterSeconds: number): P['answer'];
  /** The body of the 500 a bug in the fake answers. */
  protected abstract crashBody(message: string): unknown;

  /** A body the route cannot take, checked after the rate limit as the gateways do; null lets the endpoint run. */
  protected refuseBody(_request: FakeRequest, _route: Route<P>): P['answer'] | null | Promise<P['answer'] | null> {
    return null;
  }

  /** For test controls: an unknown account is a mistake in the test. */
  protected mustAccount(accountId: P['accountId']): P['account'] {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`${this.setup.name}: unknown ${this.setup.accountNoun} ${accountId}`);
    return account;
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const routable = url.pathname.startsWith(`${this.prefix}/`);
    const contentType = req.headers['content-type'] ?? '';
    let parsing: Promise<ParsedBody> | undefined;
    const request: FakeRequest = {
      method: req.method ?? '',
      path: routable ? url.pathname.slice(this.prefix.length) : url.pathname,
      query: url.searchParams,
      headers: req.headers,
      contentType,
      raw,
      parsed: () => (parsing ??= parseBody(raw, contentType)),
    };
    const call = await this.record(request);
    this.calls.push(call);

    const write = (reply: Reply) => {
      call.status = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    };
    const send = (answer: P['answer']) => write(this.reply(answer, call));

    if (this.faults.strike(call, res, (fault) => send(fault === 'rate_limit' ? this.rateLimited(1) : this.serverFault(fault)))) return;

    const match = routable ? this.routes.match(request.method, request.path) : ({ miss: 'path' } as const);
    if ('miss' in match) return send(this.unrouted(match.miss));
    const admission = await this.admit(request, match, call);
    if ('refusal' in admission) return send(admission.refusal);
    const wait = admission.budget === null ? null : this.rateLimit.take(admission.budget, this.now());
    if (wait !== null) return send(this.rateLimited(wait));

    const answer = (await this.refuseBody(request, match.route)) ?? (await match.route.handler(admission.context));
    const reply = this.reply(answer, call);
    if (reply.ok && this.faults.dropAnswer(request.path, call, req)) return;
    write(reply);
  }
}

/** Routes by method and path; `{name}` in a path stands for a numeric id, handed to the admission as a param. */
export class RouteTable<P extends Protocol> {
  private readonly entries: Array<Route<P> & { pattern: RegExp; names: string[] }> = [];

  add(methods: string | string[], path: string, guard: P['guard'], handler: Route<P>['handler']): void {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((found) => found[1]);
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '(\\d+)')}$`);
    this.entries.push({ methods: typeof methods === 'string' ? [methods] : methods, path, guard, handler, pattern, names });
  }

  match(method: string, path: string): RouteFound<P> | { miss: 'path' | 'method' } {
    const onPath = this.entries.filter((entry) => entry.pattern.test(path));
    if (onPath.length === 0) return { miss: 'path' };
    const route = onPath.find((entry) => entry.methods.includes(method));
    if (!route) return { miss: 'method' };
    const values = route.pattern.exec(path)!.slice(1);
    return { route, params: Object.fromEntries(route.names.map((name, index) => [name, values[index]])) };
  }
}

// ---- tokens ----------------------------------------------------------------------------------

export interface TokenPolicy {
  accessTtlMs: number;
  refreshTtlMs: number;
  /** A new token in the platform's format. */
  mint: () => string;
  /**
   * What a refresh does to the access tokens already issued and still live: they keep working
   * until they expire, work for a grace period more, or are revoked (unknown from then on).
   */
  onRefresh: 'keep' | 'revoke' | { graceMs: number };
}

/** Whom a token was issued to, and until when it works (ms). */
export interface Grant<Account> {
  account: Account;
  expiresAt: number;
}

export interface TokenPair {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

/** The access and refresh tokens a fake has issued. A refresh token works once: renewing replaces it. */
export class TokenBook<Account> {
  private readonly access = new Map<string, Grant<Account>>();
  private readonly refresh = new Map<string, Grant<Account>>();

  constructor(
    private readonly policy: TokenPolicy,
    private readonly now: () => number,
  ) {}

  /** A fresh pair for an account that has just authorized the app. */
  issue(account: Account): TokenPair {
    const now = this.now();
    const pair = { accessToken: this.policy.mint(), accessExpiresAt: now + this.policy.accessTtlMs, refreshToken: this.policy.mint(), refreshExpiresAt: now + this.policy.refreshTtlMs };
    this.access.set(pair.accessToken, { account, expiresAt: pair.accessExpiresAt });
    this.refresh.set(pair.refreshToken, { account, expiresAt: pair.refreshExpiresAt });
    return pair;
  }

  /** Undefined for a token never issued, or revoked. */
  accessGrant(token: string): Grant<Account> | undefined {
    return this.access.get(token);
  }

  /** The account an access token works for now; undefined when it is unknown or expired. */
  liveAccessHolder(token: string): Account | undefined {
    return live(this.access.get(token), this.now());
  }

  /** Undefined for a token never issued, or already used. */
  refreshGrant(token: string): Grant<Account> | undefined {
    return this.refresh.get(token);
  }

  /** The account a refresh token can still be exchanged for (see renew). */
  liveRefreshHolder(token: string): Account | undefined {
    return live(this.refresh.get(token), this.now());
  }

  /** A new pair for the account; its previous refresh token stops working, its access tokens fare as the policy says. */
  renew(account: Account): TokenPair {
    const now = this.now();
    const onRefresh = this.policy.onRefresh;
    for (const [token, grant] of this.access) {
      if (grant.account !== account) continue;
      if (grant.expiresAt <= now || onRefresh === 'revoke') this.access.delete(token);
      else if (onRefresh !== 'keep') grant.expiresAt = Math.min(grant.expiresAt, now + onRefresh.graceMs);
    }
    for (const [token, grant] of this.refresh) if (grant.account === account) this.refresh.delete(token);
    return this.issue(account);
  }

  /** The account's access tokens stay known but no longer work. */
  expire(account: Account): void {
    for (const grant of this.access.values()) if (grant.account === account) grant.expiresAt = 0;
  }
}

function live<Account>(grant: Grant<Account> | undefined, now: number): Account | undefined {
  return grant && grant.expiresAt > now ? grant.account : undefined;
}

// ---- records ---------------------------------------------------------------------------------

/** A platform's items or orders by id, each owned by one shop or seller. */
export class OwnedRecords<Id, Entry> extends Map<Id, Entry> {
  constructor(
    /** How a test's misuse names an entry (`ShopeeFake: unknown item`). */
    private readonly unknown: string,
    private readonly ownerOf: (entry: Entry) => number | string,
  ) {
    super();
  }

  /** One owner's entries, in the order they were made. */
  ownedBy(owner: number | string): Entry[] {
    return [...this.values()].filter((entry) => this.ownerOf(entry) === owner);
  }

  /** Copies of one owner's entries, for a test to read without changing the fake. */
  copiesFor(owner: number | string): Entry[] {
    return this.ownedBy(owner).map((entry) => structuredClone(entry));
  }

  /** For test controls: an unknown id is a mistake in the test. */
  must(id: Id): Entry {
    const entry = this.get(id);
    if (entry === undefined) throw new Error(`${this.unknown} ${String(id)}`);
    return entry;
  }
}

// ---- faults and rate limits ------------------------------------------------------------------

/** How a request can be made to fail before it takes effect. */
export type FaultKind = 'http500' | 'http503' | 'rate_limit' | 'timeout';

export interface FaultOptions {
  probability: number;
  kinds: FaultKind[];
  /** Seeds the draws, so a run's faults repeat run after run (default 1). */
  seed?: number;
  /** How long a `timeout` holds its response before answering 504 (default: until the client gives up or close()). */
  holdMs?: number;
}

/** The faults a test asked for (injectFaults, dropNextResponses), drawn from a seeded PRNG. */
class FaultInjector {
  private faults: { probability: number; kinds: FaultKind[]; holdMs: number; random: () => number } | null = null;
  private readonly drops = new Map<string, number>();
  private readonly held = new Set<http.ServerResponse>();
  private readonly holdTimers = new Set<NodeJS.Timeout>();

  inject(options: FaultOptions): void {
    this.faults = { probability: options.probability, kinds: options.kinds, holdMs: options.holdMs ?? Infinity, random: mulberry32(options.seed ?? 1) };
  }

  /** The next `n` successful calls to `path` do their work, then lose their answer (see dropAnswer). */
  dropNext(path: string, n: number): void {
    this.drops.set(path, n);
  }

  clear(): void {
    this.faults = null;
    this.drops.clear();
  }

  /**
   * Draws whether this request fails. When it does, the fault goes on the call's record and the
   * request is answered with `answer` — at once, or for a timeout only after the hold. True when
   * the request failed, so the fake does nothing else with it.
   */
  strike(call: RecordedCall, res: http.ServerResponse, answer: (fault: FaultKind) => void): boolean {
    const fault = this.draw();
    if (!fault) return false;
    call.fault = fault;
    if (fault === 'timeout') this.hold(res, () => answer(fault));
    else answer(fault);
    return true;
  }

  /** For a call to `path` that did its work: true when its answer is to be lost, and then the socket is already destroyed. */
  dropAnswer(path: string, call: RecordedCall, req: http.IncomingMessage): boolean {
    const pending = this.drops.get(path) ?? 0;
    if (pending <= 0) return false;
    this.drops.set(path, pending - 1);
    call.fault = 'drop';
    req.socket.destroy();
    return true;
  }

  /** Ends held responses, so a test run is not kept alive by a simulated timeout. */
  endHeld(): void {
    for (const timer of this.holdTimers) clearTimeout(timer);
    this.holdTimers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  private draw(): FaultKind | null {
    if (!this.faults || this.faults.kinds.length === 0) return null;
    if (this.faults.random() >= this.faults.probability) return null;
    return this.faults.kinds[Math.floor(this.faults.random() * this.faults.kinds.length)];
  }

  private hold(res: http.ServerResponse, answerLater: () => void): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
    const holdMs = this.faults?.holdMs ?? Infinity;
    if (!Number.isFinite(holdMs)) return;
    const timer = setTimeout(() => {
      this.holdTimers.delete(timer);
      this.held.delete(res);
      if (!res.destroyed && !res.writableEnded) answerLater();
    }, holdMs);
    this.holdTimers.add(timer);
  }
}

/** Token buckets by key (each fake says what its platform limits by): `perSecond` calls of burst, refilled continuously. */
class RateLimiter {
  private limit: { perSecond: number } | null = null;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** null lifts the limit; either way the buckets start full again. */
  set(limit: { perSecond: number } | null): void {
    this.limit = limit;
    this.buckets.clear();
  }

  /** null when the call may go ahead, else whole seconds until a token is back. */
  take(key: string, now: number): number | null {
    if (!this.limit) return null;
    const rate = this.limit.perSecond;
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }
}

/** Small seeded PRNG so injected faults repeat run after run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- reading requests ------------------------------------------------------------------------

/** A body that is a JSON object or multipart form data, as the Shopee and TikTok Shop gateways take it. */
export interface ParsedBody {
  /** What the call log shows: the parsed JSON, the text when it is not JSON, a summary of a form; undefined for no body. */
  recorded: unknown;
  /** The JSON object sent; empty when there is none. */
  json: Record<string, unknown>;
  form: FormData | null;
  /** Why the body cannot be used, for the fake to refuse in its platform's words. */
  problem: 'bad_multipart' | 'not_an_object' | 'not_json' | null;
}

async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  if (contentType.startsWith('multipart/form-data')) {
    try {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      return { recorded: summariseForm(form), json: {}, form, problem: null };
    } catch {
      return { recorded: undefined, json: {}, form: null, problem: 'bad_multipart' };
    }
  }
  if (raw.length === 0) return { recorded: undefined, json: {}, form: null, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return { recorded: raw.toString('utf8'), json: {}, form: null, problem: 'not_json' };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { recorded: parsed, json: parsed as Record<string, unknown>, form: null, problem: null };
  return { recorded: parsed, json: {}, form: null, problem: 'not_an_object' };
}

/** The query as the call log shows it: a repeated parameter as an array of its values. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** A form as the call log shows it: text fields, and files by name, type and size rather than bytes. */
function summariseForm(form: FormData) {
  const fields: Record<string, string> = {};
  const files: Array<{ field: string; filename: string; contentType: string; size: number }> = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') fields[field] = value;
    else files.push({ field, filename: value.name, contentType: value.type, size: value.size });
  }
  return { fields, files };
}

/** A gateway's comparison of a signature or secret: constant-time and exact, hex case included. */
export function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** JPG/JPEG or PNG by magic bytes, whatever the part's declared type says. */
export function imageKind(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** Posts a signed push as the platform would; returns the HTTP status the receiver answered. */
export async function postPush(callbackUrl: string, body: string, authorization: string): Promise<number> {
  const response = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
  await response.arrayBuffer();
  return response.status;
}
