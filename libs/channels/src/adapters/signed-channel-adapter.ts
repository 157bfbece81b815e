/**
 * What every marketplace adapter that calls an API does the same way before and around its calls: the
 * connection's stored credentials checked and read into the platform's own (a field problem stops
 * the call before anything is sent), a session whose token renewal saves the new pair through the
 * context, and an item's external id read before the item is touched. The platform's client signs,
 * sends and reads; its adapter says what to send.
 */
import type { PlatformSession, SignedClient } from '@nongsan/core';
import { ok, permanent, type AdapterResult, type ChannelContext, type ChannelCredentials } from './channel-adapter.js';

/** A platform's signed client, and how it gets a new token pair for a connection (saved through the context before it returns). */
export type ChannelClient<C extends { refreshToken?: string }, Q> = SignedClient<C, Q> & {
  renew(context: ChannelContext, credentials: C): Promise<AdapterResult<C>>;
};

/** One operation on one connection: its credentials change when a refresh happens mid-way. */
export interface ChannelSession<C> extends PlatformSession<C> {
  readonly context: ChannelContext;
}

/** The credential fields a platform's calls use, as the seller or the authorization stored them, and how each is checked. */
export interface CredentialRules<C> {
  /** Ids the platform gives as numbers. */
  numbers?: Array<keyof C & string>;
  /** Keys and tokens: anything without spaces. */
  secrets: Array<keyof C & string>;
  /** Numbers stored after the first call (a shop id, an expiry): checked when present. */
  optionalNumbers?: Array<keyof C & string>;
  /** Where a missing field comes from, e.g. "from the Shopee Open Platform console". */
  source: string;
  /** What an id that is not a number is told, after its name, e.g. "must be the number Shopee gives, digits only". */
  numberRule: string;
  maxDigits: number;
}

export abstract class SignedChannelAdapter<C extends { refreshToken?: string }, Q, Ref> {
  protected constructor(
    protected readonly client: ChannelClient<C, Q>,
    private readonly credentialRules: CredentialRules<C>,
  ) {}

  /** Field-level problems with the shape of the credentials, in the rules' order: numbers, secrets, optional numbers. */
  credentialProblems(credentials: ChannelCredentials): Array<{ field: string; message: string }> {
    const { numbers = [], secrets, optionalNumbers = [], source, numberRule, maxDigits } = this.credentialRules;
    const digits = new RegExp(`^\\d{1,${maxDigits}}$`);
    const problems: Array<{ field: string; message: string }> = [];
    for (const field of [...numbers, ...secrets, ...optionalNumbers]) {
      const value = credentials[field];
      const number = !secrets.includes(field);
      if (value === undefined && optionalNumbers.includes(field)) continue;
      if (!value) problems.push({ field, message: `${field} is required (${source}).` });
      else if (number && !digits.test(value)) problems.push({ field, message: `${field} ${numberRule}.` });
      else if (!number && /\s/.test(value)) problems.push({ field, message: `${field} must not contain spaces.` });
    }
    return problems;
  }

  /** The platform's item reference in one of our external ids, or why it is not one. */
  protected abstract parseExternalId(externalId: string): AdapterResult<Ref>;

  /** Gets a new access token with the refresh token and saves it through the context. */
  refreshToken(context: ChannelContext): Promise<AdapterResult<void>> {
    return this.withSession(context, (session) => this.client.refresh(session));
  }

  protected open(context: ChannelContext): AdapterResult<ChannelSession<C>> {
    const problems = this.credentialProblems(context.credentials);
    if (problems.length > 0) return permanent('credentials_invalid', problems.map((problem) => problem.message).join(' '));
    const { numbers = [], secrets, optionalNumbers = [] } = this.credentialRules;
    const credentials: Record<string, string> = {};
    for (const field of [...numbers, ...secrets, ...optionalNumbers]) if (context.credentials[field]) credentials[field] = context.credentials[field];
    return ok({ key: context.connectionId, context, credentials: credentials as unknown as C, renew: (current: C) => this.client.renew(context, current) });
  }

  /** `run` on a session of the connection, when its credentials are well formed. */
  protected async withSession<T>(context: ChannelContext, run: (session: ChannelSession<C>) => Promise<AdapterResult<T>>): Promise<AdapterResult<T>> {
    const opened = this.open(context);
    return opened.ok ? run(opened.value) : opened;
  }

  /**
   * `run` on one item: the session opened, the external id read and the change's own check passed
   * (`invalid` is its problem, or null), in that order, before anything is sent.
   */
  protected async withItem<T>(
    context: ChannelContext,
    externalId: string,
    invalid: AdapterResult<never> | null,
    run: (session: ChannelSession<C>, ref: Ref) => Promise<AdapterResult<T>>,
  ): Promise<AdapterResult<T>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const ref = this.parseExternalId(externalId);
    if (!ref.ok) return ref;
    return invalid ?? run(opened.value, ref.value);
  }
}
