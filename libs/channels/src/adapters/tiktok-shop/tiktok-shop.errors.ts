/** TikTok Shop's error codes the adapter knows (common-errors, product API error lists) and its own, as the seller reads them. */
import type { ErrorSentences } from '../platform-errors.js';

const RETRIED = {
  vi: 'TikTok Shop đang bận; hệ thống sẽ tự thử lại, không cần làm gì.',
  en: 'TikTok Shop is busy; it is retried automatically, nothing to do.',
};
const GONE = {
  vi: 'Sản phẩm không còn trên TikTok Shop; hãy bấm “Đồng bộ lại” để đăng lại.',
  en: 'The product is no longer on TikTok Shop; press “Sync again” to publish it again.',
};
const REVIEW = {
  vi: 'TikTok Shop đang duyệt sản phẩm; giá và tồn kho sẽ được gửi lại khi duyệt xong.',
  en: 'TikTok Shop is reviewing the product; price and stock are sent again once it is approved.',
};

export const TIKTOK_SHOP_ERRORS = {
  '36009002': { vi: 'TikTok Shop yêu cầu gửi chậm lại; hệ thống sẽ tự thử lại sau.', en: 'TikTok Shop asked us to slow down; it is retried automatically.' },
  '36009003': RETRIED,
  '36009007': RETRIED,
  '12001000': RETRIED,
  '105002': {
    vi: 'Quyền truy cập TikTok Shop đã hết hạn; hệ thống sẽ tự gia hạn, nếu vẫn lỗi hãy bấm “Kết nối lại”.',
    en: 'The TikTok Shop access token expired; it is renewed automatically, and if that fails press “Reconnect”.',
  },
  '36009004': {
    vi: 'TikTok Shop không nhận quyền truy cập của gian hàng; hãy bấm “Kết nối lại” và đồng ý trên TikTok Shop.',
    en: 'TikTok Shop refused the shop’s credentials; press “Reconnect” and approve on TikTok Shop.',
  },
  '106001': {
    vi: 'TikTok Shop không nhận chữ ký của ứng dụng; hãy báo đơn vị vận hành kiểm tra App Secret TikTok Shop.',
    en: 'TikTok Shop refused the app’s signature; ask the operator to check the TikTok Shop app secret.',
  },
  '106013': {
    vi: 'Thiếu mã gian hàng TikTok Shop; hãy bấm “Kết nối lại”.',
    en: 'The TikTok Shop shop cipher is missing; press “Reconnect”.',
  },
  '105005': {
    vi: 'Gian hàng chưa cấp đủ quyền cho ứng dụng trên TikTok Shop; hãy bấm “Kết nối lại” và đồng ý mọi quyền.',
    en: 'The shop has not granted the app every permission on TikTok Shop; press “Reconnect” and approve them all.',
  },
  '12019113': REVIEW,
  '12052901': REVIEW,
  '12052032': GONE,
  '12052260': GONE,
  product_not_found: GONE,
  product_frozen: {
    vi: 'TikTok Shop đã đóng băng sản phẩm này; hãy xử lý trong Seller Center TikTok Shop rồi đồng bộ lại.',
    en: 'TikTok Shop has frozen this product; resolve it in TikTok Shop Seller Center, then sync again.',
  },
  warehouse_missing: {
    vi: 'Chưa chọn kho TikTok Shop; hãy chọn kho trong cài đặt kết nối (danh sách lấy từ gian hàng).',
    en: 'No TikTok Shop warehouse is picked; pick it in the connection settings (listed from your shop).',
  },
  shop_cipher_mismatch: {
    vi: 'Quyền truy cập không thuộc gian hàng này; hãy bấm “Kết nối lại” từ đúng gian hàng.',
    en: 'The access token does not cover this shop; press “Reconnect” from the right shop.',
  },
  no_authorized_shop: {
    vi: 'TikTok Shop chưa cấp quyền cho gian hàng nào; hãy bấm “Kết nối” lại và chọn gian hàng.',
    en: 'TikTok Shop authorized no shop; press “Connect” again and pick the shop.',
  },
  activate_failed: {
    vi: 'TikTok Shop chưa mở bán lại sản phẩm; hãy kiểm tra sản phẩm trong Seller Center.',
    en: 'TikTok Shop did not put the product back on sale; check it in Seller Center.',
  },
  deactivate_failed: {
    vi: 'TikTok Shop chưa ngừng bán sản phẩm; hãy ẩn sản phẩm trong Seller Center.',
    en: 'TikTok Shop did not take the product off sale; hide it in Seller Center.',
  },
} satisfies ErrorSentences;
