import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import {
  FaultInjector,
  parseBody,
  RateLimiter,
  readBody,
  startFakeServer,
  type FakeServer,
  type FaultKind,
  type FaultOptions,
  type ParsedBody,
  type RecordedCall,
} from './fake-server.js';

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

/**
 * The platform's page where a seller signs in and approves an app, as the fakes serve it: the test
 * says which account approves (approveAs), and the page sends the browser back with a code that the
 * platform's token endpoint exchanges once, within `codeTtlMs`.
 */
export interface ConsentPage<P extends Protocol> {
  /** Its path on the fake's origin: outside the API prefix where the platform serves it apart (Lazada's /oauth/authorize). */
  path: string;
  codeTtlMs: number;
  /**
   * From the link's own parameters: where the seller goes back to (the platform keeps the query it
   * is given, our state in it) and the app the code is for; or the platform's refusal of the link.
   */
  open(query: URLSearchParams): { back: URL; app: string } | { refusal: P['answer'] };
  /** What the platform adds to the way back beside `code` (Shopee's shop_id). */
  extra?(account: P['account']): Record<string, string>;
}

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

  /** Set by a platform that lets sellers authorize apps (every marketplace fake here does). */
  protected consentPage: ConsentPage<P> | null = null;
  private approving: P['account'] | null = null;
  private readonly codes = new Map<string, { account: P['account']; app: string; expiresAt: number }>();
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

  /** The account whose owner signs in and approves on the next visits to the authorization page. */
  approveAs(accountId: P['accountId']): void {
    this.approving = this.mustAccount(accountId);
  }

  /** The seller cancelled the app's authorization: every token of the account, refresh tokens included, is unknown from now on. */
  revokeTokens(accountId: P['accountId']): void {
    this.tokens.revoke(this.mustAccount(accountId));
  }

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

  /** The account a code from the authorization page was issued to, for `app`; a code works once, until it expires. */
  protected redeemCode(code: string, app: string): P['account'] | undefined {
    const issued = this.codes.get(code);
    if (!issued || issued.app !== app) return undefined;
    this.codes.delete(code);
    return issued.expiresAt > this.now() ? issued.account : undefined;
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
    if (this.consentPage && url.pathname === this.consentPage.path && request.method === 'GET') return this.approve(this.consentPage, request, call, res, send);

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

  /** The seller approved: back to the app with a fresh code (a page, so a redirect rather than the platform's envelope). */
  private approve(page: ConsentPage<P>, request: FakeRequest, call: P['call'], res: http.ServerResponse, send: (answer: P['answer']) => void): void {
    const opened = page.open(request.query);
    if ('refusal' in opened) return send(opened.refusal);
    const account = this.approving;
    if (!account) throw new Error(`${this.setup.name}: nobody approves on the authorization page; call approveAs first`);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { account, app: opened.app, expiresAt: this.now() + page.codeTtlMs });
    opened.back.searchParams.set('code', code);
    for (const [name, value] of Object.entries(page.extra?.(account) ?? {})) opened.back.searchParams.set(name, value);
    call.status = 302;
    res.writeHead(302, { location: opened.back.toString() });
    res.end();
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

/** The two tokens under the names every platform's token answer gives them, OAuth 2.0's. */
export function tokenFields(pair: TokenPair): { access_token: string; refresh_token: string } {
  return { access_token: pair.accessToken, refresh_token: pair.refreshToken };
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
    const pair = {
      accessToken: this.policy.mint(),
      accessExpiresAt: now + this.policy.accessTtlMs,
      refreshToken: this.policy.mint(),
      refreshExpiresAt: now + this.policy.refreshTtlMs,
    };
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

  /** Every token of the account is forgotten, refresh tokens included. */
  revoke(account: Account): void {
    for (const [token, grant] of this.access) if (grant.account === account) this.access.delete(token);
    for (const [token, grant] of this.refresh) if (grant.account === account) this.refresh.delete(token);
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

  /** The entry, only when this owner owns it: one shop never sees another's. */
  owned(owner: number | string, id: Id): Entry | undefined {
    const entry = this.get(id);
    return entry !== undefined && this.ownerOf(entry) === owner ? entry : undefined;
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
