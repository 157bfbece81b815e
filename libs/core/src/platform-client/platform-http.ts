/**
 * What every platform adapter does the same way around `fetch`, whatever the platform's envelope:
 * a call that got no answer is a transport problem worth trying again, Retry-After is read as HTTP
 * defines it, and a body is a JSON object or nothing. Each platform's own codes stay in its folder.
 */
import { ok, retryable, type PlatformResult } from './platform-result.js';

/**
 * One request with the adapter's time limit: the answer and its text, or a retryable `timeout` /
 * `network` failure (naming `platformName`) when none came.
 */
export async function fetchText(
  platformName: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<PlatformResult<{ response: Response; text: string }>> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return ok({ response, text: await response.text() });
  } catch (error) {
    return transportFailure(platformName, timeoutMs, error);
  }
}

/** Retry-After in whole seconds, from either of its forms (delay-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The text parsed as a JSON object; null for anything else (not JSON, an array, a bare value). */
export function parseJsonObject<T>(text: string): T | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as T) : null;
  } catch {
    return null;
  }
}

function transportFailure(platformName: string, timeoutMs: number, error: unknown): PlatformResult<never> {
  // Duck-typed: fetch's errors come from another realm under Jest, so instanceof Error is unreliable.
  const failure = error as { name?: unknown; message?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') {
    return retryable('timeout', `${platformName} did not answer within ${timeoutMs} ms.`);
  }
  const cause = failure?.cause;
  const detail = typeof cause?.message === 'string' && cause.message ? cause.message : typeof failure?.message === 'string' ? failure.message : String(error);
  return retryable('network', `Could not reach ${platformName}: ${detail}${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}.`);
}
