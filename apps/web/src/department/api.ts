import { api, errorOf, type ApiError, type Schemas } from '../api/client';

export type OcopClaim = Schemas['OcopClaimDto'];
export type MoitReport = Schemas['MoitReportDto'];
export type SyncError = Schemas['TopSyncErrorDto'];
export type UptakeSummary = Schemas['UptakeSummaryDto'];
export type AuditEntry = Schemas['AuditEntryDto'];

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
export async function fetchDocument(
  cooperativeId: string,
  documentId: string,
  fallbackMessage: string,
): Promise<{ document?: OpenedDocument; error?: ApiError }> {
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
