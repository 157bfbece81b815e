import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What the embedded object store knows of a request before it reads the body. */
export interface SignedRequest {
  method: string;
  /** The raw request target: path and query as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type SignatureVerdict =
  | { kind: 'anonymous' }
  | { kind: 'valid' }
  | { kind: 'refused'; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'RequestTimeTooSkewed'; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** S3's tolerance for a signed header's clock, and for a presigned link dated in the future. */
const MAX_SKEW_MS = 15 * 60_000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/**
 * Checks an AWS Signature Version 4 (Authorization header or presigned query) against one key
 * pair, as S3 does. The payload hash is taken as declared, not recomputed: a body would have to be
 * read first, and only a holder of the key can produce a signature over the declared hash.
 */
export function verifySigV4(request: SignedRequest, credentials: { accessKeyId: string; secretAccessKey: string }, now = new Date()): SignatureVerdict {
  const [rawPath, rawQuery = ''] = splitOnce(request.url, '?');
  const query = parseQuery(rawQuery);
  const authorization = header(request.headers, 'authorization');
  const presigned = query.some(([name]) => name === 'X-Amz-Algorithm');
  if (!authorization && !presigned && !query.some(([name]) => name === 'Signature' || name === 'AWSAccessKeyId')) return { kind: 'anonymous' };
  if (authorization && presigned) return refuse('AccessDenied', 'Only one authentication mechanism is allowed');

  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let amzDate: string;
  let payloadHash: string;
  if (authorization) {
    const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization.trim());
    if (!match) return refuse('AccessDenied', 'Only AWS Signature Version 4 is accepted');
    [, credential, signedHeaders, signature] = match as unknown as [string, string, string, string];
    amzDate = header(request.headers, 'x-amz-date') ?? '';
    payloadHash = header(request.headers, 'x-amz-content-sha256') ?? '';
    if (!payloadHash) return refuse('AccessDenied', 'x-amz-content-sha256 is required');
    const date = parseAmzDate(amzDate);
    if (!date) return refuse('AccessDenied', 'x-amz-date is required');
    if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) return refuse('RequestTimeTooSkewed', 'The request time is too far from the server time');
  } else {
    const param = (name: string) => query.find(([key]) => key === name)?.[1];
    if (!presigned || param('X-Amz-Algorithm') !== ALGORITHM) return refuse('AccessDenied', 'Only AWS Signature Version 4 is accepted');
    credential = param('X-Amz-Credential') ?? '';
    signedHeaders = param('X-Amz-SignedHeaders') ?? '';
    signature = param('X-Amz-Signature') ?? '';
    amzDate = param('X-Amz-Date') ?? '';
    payloadHash = 'UNSIGNED-PAYLOAD';
    const date = parseAmzDate(amzDate);
    const expires = Number(param('X-Amz-Expires'));
    if (!date || !Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS || !/^[0-9a-f]{64}$/.test(signature)) {
      return refuse('AccessDenied', 'Malformed presigned link');
    }
    if (date.getTime() - now.getTime() > MAX_SKEW_MS) return refuse('AccessDenied', 'Request is not valid yet');
    if (now.getTime() > date.getTime() + expires * 1000) return refuse('AccessDenied', 'Request has expired');
  }

  const [accessKeyId, scopeDate, region, service, terminator, ...rest] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId) return refuse('InvalidAccessKeyId', 'The access key does not exist');
  if (rest.length > 0 || !region || service !== 's3' || terminator !== 'aws4_request' || scopeDate !== amzDate.slice(0, 8)) {
    return refuse('AccessDenied', 'Malformed credential scope');
  }
  const headerNames = signedHeaders.split(';');
  if (!headerNames.includes('host')) return refuse('AccessDenied', 'The host header must be signed');

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(rawPath),
    canonicalQuery(query.filter(([name]) => name !== 'X-Amz-Signature')),
    headerNames.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, scopeDate);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const provided = Buffer.from(signature, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return refuse('SignatureDoesNotMatch', 'The request signature does not match');
  }
  return { kind: 'valid' };
}

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function refuse(code: Extract<SignatureVerdict, { kind: 'refused' }>['code'], message: string): SignatureVerdict {
  return { kind: 'refused', code, message };
}

function splitOnce(value: string, separator: string): [string, string?] {
  const at = value.indexOf(separator);
  return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseQuery(raw: string): Array<[string, string]> {
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name, value = ''] = splitOnce(pair, '=');
      return [safeDecode(name), safeDecode(value)];
    });
}

/** S3 signs the path encoded once; decoding and re-encoding each segment accepts any client's escaping. */
function canonicalPath(rawPath: string): string {
  return (
    rawPath
      .split('/')
      .map((segment) => encodeRfc3986(safeDecode(segment)))
      .join('/') || '/'
  );
}

function canonicalQuery(params: Array<[string, string]>): string {
  return params
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function hmac(key: string | Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value).digest();
}
