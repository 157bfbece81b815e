/**
 * Shopee's error words the adapter knows (Open Platform v2 common_error_list, add_item's errors) and
 * its own codes, as the seller reads them. Shopee may prefix a word with its module ("product.").
 */
import type { ErrorSentences } from '../platform-errors.js';

const RETRIED = { vi: 'Shopee đang bận; hệ thống sẽ tự thử lại, không cần làm gì.', en: 'Shopee is busy; it is retried automatically, nothing to do.' };
const TOKEN = {
  vi: 'Shopee không nhận quyền truy cập của gian hàng; hệ thống sẽ tự gia hạn, nếu vẫn lỗi hãy bấm “Kết nối lại”.',
  en: 'Shopee refused the shop’s access token; it is renewed automatically, and if that fails press “Reconnect”.',
};

export const SHOPEE_ERRORS = {
  error_param: {
    vi: 'Shopee từ chối một thông tin gửi lên (danh mục, ảnh hoặc thời gian); hãy kiểm tra danh mục và ảnh của sản phẩm rồi đồng bộ lại.',
    en: 'Shopee refused a value sent (category, picture or time); check the product’s category and pictures, then sync again.',
  },
  error_sign: {
    vi: 'Shopee không nhận chữ ký của ứng dụng; hãy báo đơn vị vận hành kiểm tra khóa ứng dụng Shopee.',
    en: 'Shopee refused the app’s signature; ask the operator to check the Shopee partner key.',
  },
  error_auth: TOKEN,
  invalid_acceess_token: TOKEN,
  invalid_access_token: TOKEN,
  error_rate_limit: { vi: 'Shopee yêu cầu gửi chậm lại; hệ thống sẽ tự thử lại sau.', en: 'Shopee asked us to slow down; it is retried automatically.' },
  error_limit: {
    vi: 'Đã hết lượt gọi Shopee trong ngày; hệ thống sẽ tự thử lại sau 0 giờ (giờ Singapore).',
    en: 'The daily Shopee call limit is used up; it is retried after midnight Singapore time.',
  },
  error_server: RETRIED,
  error_inner: RETRIED,
  error_system_busy: RETRIED,
  error_network: RETRIED,
  error_get_shop_fail: RETRIED,
  error_busi_add_item_failed: RETRIED,
  error_update_price_fail: RETRIED,
  error_item_not_found: {
    vi: 'Sản phẩm không còn trên Shopee; hãy bấm “Đồng bộ lại” để đăng lại.',
    en: 'The item is no longer on Shopee; press “Sync again” to publish it again.',
  },
  error_invalid_price: {
    vi: 'Shopee không nhận giá này; giá các phân loại không được chênh nhau quá 5 lần, hãy sửa giá trong sản phẩm.',
    en: 'Shopee refused the price; variant prices may differ at most fivefold, fix the product’s prices.',
  },
  error_item_name_empty: { vi: 'Sản phẩm chưa có tên; hãy đặt tên sản phẩm.', en: 'The product has no name; give it one.' },
  error_less_required_attribute: {
    vi: 'Danh mục Shopee này cần thêm thuộc tính bắt buộc; hãy chọn danh mục khác hoặc điền thuộc tính trong cài đặt kết nối.',
    en: 'This Shopee category needs more mandatory attributes; choose another category or fill them in the connection settings.',
  },
  error_invalid_logistic_info: {
    vi: 'Đơn vị vận chuyển đã chọn không còn bật trên Shopee; hãy chọn lại đơn vị vận chuyển trong cài đặt kết nối.',
    en: 'A chosen shipping channel is no longer enabled on Shopee; pick the shipping channels again in the connection settings.',
  },
  logistics_missing: {
    vi: 'Chưa chọn đơn vị vận chuyển Shopee; hãy chọn trong cài đặt kết nối (danh sách lấy từ gian hàng).',
    en: 'No Shopee shipping channel is picked; pick them in the connection settings (listed from your shop).',
  },
  item_banned: {
    vi: 'Shopee đã khóa sản phẩm này; hãy xử lý trong Kênh Người Bán Shopee rồi đồng bộ lại.',
    en: 'Shopee has banned this item; resolve it in Shopee Seller Centre, then sync again.',
  },
  relist_failed: {
    vi: 'Shopee chưa mở bán lại sản phẩm; hãy kiểm tra sản phẩm trong Kênh Người Bán Shopee.',
    en: 'Shopee did not put the item back on sale; check it in Shopee Seller Centre.',
  },
  unlist_failed: {
    vi: 'Shopee chưa ngừng bán sản phẩm; hãy ẩn sản phẩm trong Kênh Người Bán Shopee.',
    en: 'Shopee did not take the item off sale; hide it in Shopee Seller Centre.',
  },
} satisfies ErrorSentences;
