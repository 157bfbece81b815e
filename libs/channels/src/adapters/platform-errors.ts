/**
 * What a platform's refusal means to a seller, in Vietnamese and English, saying what to do next: the
 * sentence shown where the seller meets the error (a listing that failed, a paused connection). The
 * platform's own code stays beside it (a listing's lastErrorCode) for whoever has to dig further.
 * Each platform's folder keeps its own codes (`<platform>.errors.ts`); the codes here are the ones
 * every adapter gives the same way.
 */
import type { Locale } from '@nongsan/core';

export interface ErrorSentence {
  vi: string;
  en: string;
}

/** A platform's error codes (or error words) the adapters know, each with its sentence. */
export type ErrorSentences = Record<string, ErrorSentence>;

/** Codes any adapter gives, whatever the platform: transport, our own checks before a call, answers we cannot read. */
export const COMMON_ERRORS = {
  timeout: {
    vi: 'Sàn không trả lời kịp; hệ thống sẽ tự thử lại, không cần làm gì.',
    en: 'The platform did not answer in time; it is retried automatically, nothing to do.',
  },
  network: {
    vi: 'Không kết nối được tới sàn; hệ thống sẽ tự thử lại, không cần làm gì.',
    en: 'The platform could not be reached; it is retried automatically, nothing to do.',
  },
  http_429: {
    vi: 'Sàn yêu cầu gửi chậm lại; hệ thống sẽ tự thử lại sau.',
    en: 'The platform asked us to slow down; it is retried automatically.',
  },
  http_5xx: {
    vi: 'Sàn đang gặp sự cố; hệ thống sẽ tự thử lại, không cần làm gì.',
    en: 'The platform is having trouble; it is retried automatically, nothing to do.',
  },
  bad_response: {
    vi: 'Sàn trả lời không đúng định dạng; hãy bấm “Đồng bộ lại” sau ít phút, nếu vẫn lỗi hãy báo đơn vị vận hành.',
    en: 'The platform answered in an unexpected form; press “Sync again” in a few minutes, and tell the operator if it persists.',
  },
  credentials_invalid: {
    vi: 'Thông tin kết nối gian hàng không đầy đủ; hãy kết nối lại gian hàng.',
    en: 'The shop’s connection details are incomplete; connect the shop again.',
  },
  invalid_external_id: {
    vi: 'Mã sản phẩm trên sàn không còn đúng; hãy bấm “Đồng bộ lại” để đăng lại sản phẩm.',
    en: 'The product’s id on the platform is no longer valid; press “Sync again” to publish it again.',
  },
  authorization_incomplete: {
    vi: 'Sàn chưa gửi đủ thông tin cấp quyền; hãy bấm “Kết nối” lại.',
    en: 'The platform did not send the whole authorization back; press “Connect” again.',
  },
  refresh_unsupported: {
    vi: 'Không gia hạn được quyền truy cập gian hàng; hãy kết nối lại gian hàng.',
    en: 'The shop’s access could not be renewed; connect the shop again.',
  },
  invalid_price: {
    vi: 'Giá bán không hợp lệ với sàn; hãy sửa giá (số nguyên đồng, lớn hơn 0) trong sản phẩm.',
    en: 'The price is not valid for the platform; set a whole-đồng price above 0 on the product.',
  },
  invalid_stock: {
    vi: 'Số tồn kho không hợp lệ; hãy sửa tồn kho (số nguyên, không âm) trong sản phẩm.',
    en: 'The stock is not valid; set a whole, non-negative stock on the product.',
  },
  invalid_sku: {
    vi: 'Mã SKU không hợp lệ với sàn; hãy đổi SKU (chữ, số, dấu gạch) trong sản phẩm.',
    en: 'The SKU is not valid for the platform; use letters, digits and dashes in the product’s SKU.',
  },
  images_missing: {
    vi: 'Sản phẩm chưa có ảnh; hãy thêm ít nhất một ảnh rồi đồng bộ lại.',
    en: 'The product has no picture; add at least one and sync again.',
  },
  weight_missing: {
    vi: 'Sàn cần cân nặng đóng gói; hãy nhập cân nặng (gam) của sản phẩm.',
    en: 'The platform needs the package weight; enter the product’s weight in grams.',
  },
  update_price_failed: {
    vi: 'Sàn chưa đổi giá; hãy bấm “Đồng bộ lại”, nếu vẫn lỗi hãy kiểm tra sản phẩm trên trang người bán của sàn.',
    en: 'The platform did not change the price; press “Sync again”, and check the item in the platform’s seller centre if it persists.',
  },
  update_stock_failed: {
    vi: 'Sàn chưa đổi tồn kho; hãy bấm “Đồng bộ lại”, nếu vẫn lỗi hãy kiểm tra sản phẩm trên trang người bán của sàn.',
    en: 'The platform did not change the stock; press “Sync again”, and check the item in the platform’s seller centre if it persists.',
  },
} satisfies ErrorSentences;

/**
 * The sentence for a platform's code in the reader's language: the platform's own first, then the
 * common ones; a code with a module prefix (Shopee's "product.error_param") is read by its last word.
 * Undefined for a code nobody has written a sentence for (the platform's own message is shown then).
 */
export function errorSentence(platformErrors: ErrorSentences, code: string | null, locale: Locale): string | undefined {
  if (!code) return undefined;
  const word = code.slice(code.lastIndexOf('.') + 1);
  const common: ErrorSentences = COMMON_ERRORS;
  const key = /^http_5\d\d$/.test(code) ? 'http_5xx' : code;
  const sentence = platformErrors[code] ?? platformErrors[word] ?? common[key];
  return sentence?.[locale];
}
