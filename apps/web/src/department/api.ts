import type { Client } from 'openapi-fetch';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import type { operations, paths } from '../api/schema';

/*
 * The routes of issue #21 that the API gains in parallel (OCOP claims, the Ministry report, the
 * audit's cooperative filter, reasons on approve/reinstate, visits and sync errors in the figures),
 * typed here by their agreed contract until the generated schema knows them. Calls still go through
 * the app's one client, so they carry the session's bearer token, refresh it after a 401, send the
 * language and fail with the API's one error shape.
 * TODO(lead, after merging dept-api): run `npm run api:client`, drop these types and use `api`.
 */

type Reply<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Failure = Reply<Schemas['ErrorResponseDto']>;
type Failures = { 400: Failure; 403: Failure; 404: Failure; 409: Failure };
type Get<Query, Ok> = { parameters: { query?: Query; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: { 200: Reply<Ok> } & Failures };
type Post<Body, Ok> = {
  parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
  requestBody: { content: { 'application/json': Body } };
  responses: { 200: Reply<Ok> } & Failures;
};
type Route<Methods> = { parameters: { query?: never; header?: never; path?: never; cookie?: never } } & Methods;

export type PageQuery = { limit?: number; cursor?: string };

export interface OcopClaim {
  productId: string;
  productName: string;
  cooperative: { id: string; name: string };
  stars: number;
  certificateNumber: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  status: 'pending' | 'verified' | 'rejected';
  certificateDocument?: { id: string; kind: string; fileName: string };
}

export interface MoitReport {
  year: number;
  from: string;
  until: string;
  soLuongTruyCap: number;
  soNguoiBan: number;
  soNguoiBanMoi: number;
  tongSoSanPham: number;
  soSanPhamMoi: number;
  soLuongGiaoDich: number;
  tongSoDonHangThanhCong: number;
  tongSoDonHangKhongThanhCong: number;
  tongGiaTriGiaoDich: number;
}
export const MOIT_FIGURES = [
  'soLuongTruyCap',
  'soNguoiBan',
  'soNguoiBanMoi',
  'tongSoSanPham',
  'soSanPhamMoi',
  'soLuongGiaoDich',
  'tongSoDonHangThanhCong',
  'tongSoDonHangKhongThanhCong',
  'tongGiaTriGiaoDich',
] as const satisfies readonly (keyof MoitReport)[];

export interface SyncError {
  platform: string;
  /** The platform's own error code, when it gave one. */
  code: string | null;
  message: string;
  count: number;
}
export type UptakeSummary = Schemas['UptakeSummaryDto'] & { visits?: number };
export type SyncHealth = Schemas['SyncHealthDto'] & { topErrors?: SyncError[] };
/** The audit entry gains the actor's name; until then the roles say who acted. */
export type AuditEntry = Schemas['AuditEntryDto'] & { actorName?: string | null };
type AuditQuery = NonNullable<operations['AuditController_list']['parameters']['query']> & { cooperativeId?: string };
type UptakeQuery = NonNullable<operations['UptakeController_summary']['parameters']['query']>;

interface DepartmentPaths {
  '/api/v1/admin/ocop-claims': Route<{ get: Get<PageQuery & { status?: OcopClaim['status'] }, { items: OcopClaim[]; nextCursor: string | null }> }>;
  '/api/v1/admin/products/{id}/ocop/verify': Route<{ post: Post<Record<string, never>, unknown> }>;
  '/api/v1/admin/products/{id}/ocop/reject': Route<{ post: Post<{ reason: string }, unknown> }>;
  '/api/v1/admin/cooperatives/{id}/approve': Route<{ post: Post<{ note?: string }, Schemas['CooperativeDto']> }>;
  '/api/v1/admin/cooperatives/{id}/reinstate': Route<{ post: Post<{ reason: string }, Schemas['CooperativeDto']> }>;
  '/api/v1/uptake/moit-report': Route<{ get: Get<{ year: number; until?: string }, MoitReport> }>;
  '/api/v1/uptake/summary': Route<{ get: Get<UptakeQuery, UptakeSummary> }>;
  '/api/v1/uptake/sync-health': Route<{ get: Get<UptakeQuery, SyncHealth> }>;
  '/api/v1/admin/audit': Route<{ get: Get<AuditQuery, { items: AuditEntry[]; nextCursor: string | null }> }>;
}

type Overridden = keyof DepartmentPaths;
export const departmentApi = api as unknown as Client<Omit<paths, Overridden> & DepartmentPaths>;

/** The file name a download was sent under (RFC 6266, UTF-8 name preferred). */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/** Hands a fetched file to the browser as a download under its own name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type OpenedDocument = { objectUrl: string; type: string } | { presignedUrl: string };

/**
 * A cooperative's paper, fetched through the API's download route with the session's token, which
 * checks the official's right first. The route streams the file (an object URL is then shown in the
 * page) or, as it did before issue #21, answers with a presigned URL valid for five minutes.
 */
export async function fetchDocument(cooperativeId: string, documentId: string, fallbackMessage: string): Promise<{ document?: OpenedDocument; error?: ApiError }> {
  try {
    const { data, error, response } = await api.GET('/api/v1/cooperatives/{id}/documents/{documentId}/download', {
      params: { path: { id: cooperativeId, documentId } },
      parseAs: 'blob',
    });
    if (error || !data) return { error: errorOf(error, fallbackMessage) };
    const blob = data as unknown as Blob;
    if ((response.headers.get('Content-Type') ?? '').startsWith('application/json')) {
      const { url } = JSON.parse(await blob.text()) as Schemas['DownloadDto'];
      return { document: { presignedUrl: url } };
    }
    return { document: { objectUrl: URL.createObjectURL(blob), type: blob.type } };
  } catch {
    return { error: errorOf(null, fallbackMessage) };
  }
}
