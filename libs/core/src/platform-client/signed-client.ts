/**
 * The transport every outside platform shares, marketplaces and carriers alike: sign a request,
 * send it with a time limit, read the platform's envelope into a result, and — for platforms whose
 * access tokens expire — refresh once and try again when the token is refused. What differs per
 * platform (how it signs, what its envelope looks like, which codes mean "later") is its
 * `SignedProtocol`; everything else lives here once.
 */
import { fetchText, parseRetryAfter } from './platform-http.js';
import { ok, permanent, retryable, type PlatformResult } from './platform-result.js';
import { RefreshCoalescer } from './token-refresh.js';

/** The platform's answer as its protocol reads it, before the shared rules decide what it means. */
export type PlatformAnswer =
  /** The body is not the platform's envelope (an HTML error page, a proxy's text). */
  | { kind: 'unreadable' }
  | { kind: 'success'; value: unknown }
  | {
      kind: 'error';
      code: string;
      message: string;
      /**
       * `rate-limited` and `transient`: try again later; `token-refused`: the access token this
       * request carried was refused (one refresh, then one retry); absent: a person must act.
       */
      meaning?: 'rate-limited' | 'transient' | 'token-refused';
      /** Overrides the Retry-After header (a daily quota that resets at a known hour). */
      retryAfterSeconds?: number;
    };

export interface SignedProtocol<C, Q> {
  /** The platform's name as people know it, for messages. */
  readonly name: string;
  /** The URL and fetch options of one request, signed with these credentials at `now`. */
  prepare(credentials: C, request: Q, now: Date): { url: string; init: RequestInit };
  /** The answer's envelope; `message` may be empty (the client then names the HTTP status). */
  read(response: Response, text: string, request: Q, now: Date): PlatformAnswer;
  /** Whether the access token has lapsed (or soon will): refreshed before the request instead of after a refusal. */
  lapsed?(credentials: C, now: Date): boolean;
}

/**
 * One account on the platform, for the length of one operation: the credentials change when a
 * refresh happens mid-way, so later requests of the same operation use the new token.
 */
export interface PlatformSession<C> {
  /** The account's stable id (our connection id): refreshes of one account are shared. */
  readonly key: string;
  credentials: C;
  /**
   * Gets a new token pair and stores it before returning (a refresh token is single-use, so a
   * pair that is not stored is a lost account). Absent for platforms whose tokens do not expire.
   */
  renew?(credentials: C): Promise<PlatformResult<C>>;
}

export interface SignedClientOptions {
  timeoutMs: number;
  now?: () => Date;
  /** How long a finished refresh is shared with requests still carrying the old token (what the platform allows). */
  refreshReuseMs?: number;
}

export class SignedClient<C extends { refreshToken?: string }, Q> {
  private readonly now: () => Date;
  private readonly refreshes: RefreshCoalescer<C>;

  constructor(
    private readonly protocol: SignedProtocol<C, Q>,
    private readonly options: SignedClientOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.refreshes = new RefreshCoalescer<C>(options.refreshReuseMs ?? 0);
  }

  /** One request as it is: no refresh, whatever the answer. Token exchanges themselves go through here. */
  async send<R>(credentials: C, request: Q): Promise<PlatformResult<R>> {
    return (await this.exchange<R>(credentials, request)).result;
  }

  private async exchange<R>(credentials: C, request: Q): Promise<{ result: PlatformResult<R>; tokenRefused?: true }> {
    const now = this.now();
    const { url, init } = this.protocol.prepare(credentials, request, now);
    const answered = await fetchText(this.protocol.name, url, init, this.options.timeoutMs);
    if (!answered.ok) return { result: answered };
    const { response, text } = answered.value;
    const answer = this.protocol.read(response, text, request, now);
    const headerRetryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
    const status = response.status;
    const name = this.protocol.name;

    const failed = answer.kind === 'error' ? answer : null;
    const code = failed?.code ?? '';
    const message = failed?.message || `${name} answered HTTP ${status}.`;
    const retryAfter = failed?.retryAfterSeconds ?? headerRetryAfter;
    if (status === 429 || failed?.meaning === 'rate-limited') return { result: retryable(code || 'http_429', message, retryAfter) };
    if (status >= 500 || status === 408) return { result: retryable(code || `http_${status}`, message, retryAfter) };
    if (answer.kind === 'unreadable')
      return { result: permanent(response.ok ? 'bad_response' : `http_${status}`, `${name} answered HTTP ${status} with a body that is not its envelope.`) };
    if (answer.kind === 'success') return { result: response.ok ? ok(answer.value as R) : permanent(`http_${status}`, message) };
    if (answer.meaning === 'transient') return { result: retryable(code, message, retryAfter) };
    return { result: permanent(code, message), ...(answer.meaning === 'token-refused' ? { tokenRefused: true as const } : {}) };
  }

  /**
   * A request on the session's account: refreshed first when the token has lapsed, and once more
   * (then tried again, once) when the platform refuses the token it carried.
   */
  async call<R>(session: PlatformSession<C>, request: Q): Promise<PlatformResult<R>> {
    if (session.renew && this.protocol.lapsed?.(session.credentials, this.now())) {
      const refreshed = await this.refresh(session);
      if (!refreshed.ok) return refreshed;
    }
    const first = await this.exchange<R>(session.credentials, request);
    if (!first.tokenRefused || !session.renew) return first.result;
    const refreshed = await this.refresh(session);
    if (!refreshed.ok) return refreshed;
    return this.send<R>(session.credentials, request);
  }

  /** A new token pair for the session, shared with every request of this account refreshing at the same time. */
  async refresh(session: PlatformSession<C>): Promise<PlatformResult<void>> {
    const renew = session.renew;
    if (!renew) return permanent('refresh_unsupported', `${this.protocol.name} tokens are not refreshed.`);
    const current = session.credentials;
    const result = await this.refreshes.run(session.key, current.refreshToken ?? '', () => renew(current));
    if (!result.ok) return result;
    session.credentials = result.value;
    return ok(undefined);
  }
}
