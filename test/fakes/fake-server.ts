import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Pieces any fake of an external system can use: the local HTTP server, the faults and rate limit a
 * test can switch on, and the reading and checking of requests. The marketplace fakes reach them
 * through their shared core (marketplace-fake.ts).
 */

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

/** What every fake's call log records beside its platform's own fields. */
export interface RecordedCall {
  method: string;
  path: string;
  /** HTTP status sent; 0 while held, or when the socket was destroyed instead of answering. */
  status: number;
  fault?: FaultKind | 'drop';
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** Serves `handle` on a free local port; a bug in the fake answers 500 with `crashBody(error)` instead of an unhandled rejection that kills Jest. */
export async function startFakeServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  crashBody: (error: unknown) => unknown,
): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(crashBody(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The faults a test asked for (injectFaults, dropNextResponses), drawn from a seeded PRNG. */
export class FaultInjector {
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
export class RateLimiter {
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

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

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

export async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
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
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
    return { recorded: parsed, json: parsed as Record<string, unknown>, form: null, problem: null };
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

/**
 * Posts a push the way carriers deliver their webhooks: again while the receiver answers anything
 * but 200, at most `tries` times, `delayMs` apart. Returns every status the receiver answered.
 */
export async function postUntilOk(url: string, init: { contentType: string; body: string }, tries: number, delayMs: number): Promise<number[]> {
  const answers: number[] = [];
  for (let attempt = 0; attempt < tries; attempt++) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': init.contentType }, body: init.body });
    await response.arrayBuffer();
    answers.push(response.status);
    if (response.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return answers;
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
