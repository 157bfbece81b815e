/** Lazada's error codes the adapter knows (system-api, product-api error lists) and its own, as the seller reads them. */
import type { ErrorSentences } from '../platform-errors.js';

const RETRIED = { vi: 'Lazada đang bận; hệ thống sẽ tự thử lại, không cần làm gì.', en: 'Lazada is busy; it is retried automatically, nothing to do.' };
const SLOW = { vi: 'Lazada yêu cầu gửi chậm lại; hệ thống sẽ tự thử lại sau.', en: 'Lazada asked us to slow down; it is retried automatically.' };
const GONE = {
  vi: 'Sản phẩm không còn trên Lazada; hãy bấm “Đồng bộ lại” để đăng lại.',
  en: 'The item is no longer on Lazada; press “Sync again” to publish it again.',
};
const DUPLICATE = {
  vi: 'Gian hàng Lazada đã có sản phẩm khác trùng SKU này; hãy đổi SKU hoặc xóa sản phẩm trùng trên Lazada.',
  en: 'The Lazada shop already has another item with this SKU; change the SKU or delete the other item on Lazada.',
};

export const LAZADA_ERRORS = {
  IllegalAccessToken: {
    vi: 'Lazada không nhận quyền truy cập của gian hàng; hệ thống sẽ tự gia hạn, nếu vẫn lỗi hãy bấm “Kết nối lại”.',
    en: 'Lazada refused the shop’s access token; it is renewed automatically, and if that fails press “Reconnect”.',
  },
  IllegalRefreshToken: {
    vi: 'Quyền truy cập gian hàng Lazada đã hết hạn hoặc bị hủy; hãy bấm “Kết nối lại” và đồng ý trên Lazada.',
    en: 'The Lazada shop’s authorization expired or was cancelled; press “Reconnect” and approve on Lazada.',
  },
  InvalidCode: {
    vi: 'Mã cấp quyền của Lazada đã dùng hoặc quá 30 phút; hãy bấm “Kết nối” lại.',
    en: 'Lazada’s authorization code was used or is older than 30 minutes; press “Connect” again.',
  },
  IncompleteSignature: {
    vi: 'Lazada không nhận chữ ký của ứng dụng; hãy báo đơn vị vận hành kiểm tra App Secret Lazada.',
    en: 'Lazada refused the app’s signature; ask the operator to check the Lazada app secret.',
  },
  MissingParameter: {
    vi: 'Lazada báo thiếu thông tin; hãy bấm “Đồng bộ lại”, nếu vẫn lỗi hãy báo đơn vị vận hành.',
    en: 'Lazada says a value is missing; press “Sync again”, and tell the operator if it persists.',
  },
  '901': SLOW,
  ApiCallLimit: SLOW,
  '4154': SLOW,
  '6': RETRIED,
  E0006: RETRIED,
  '1000': RETRIED,
  '513': RETRIED,
  '4135': RETRIED,
  '4147': {
    vi: 'Sản phẩm đang được sửa ở nơi khác trên Lazada; hệ thống sẽ tự thử lại.',
    en: 'The item is being edited elsewhere on Lazada; it is retried automatically.',
  },
  '4137': GONE,
  E0002: GONE,
  '4105': DUPLICATE,
  '4126': DUPLICATE,
  '4141': DUPLICATE,
  E0004: { vi: 'Sản phẩm đã ngừng bán trên Lazada.', en: 'The item is already off sale on Lazada.' },
  '201': {
    vi: 'Danh mục Lazada không hợp lệ; hãy chọn danh mục Lazada khác trong cài đặt kết nối.',
    en: 'The Lazada category is not valid; choose another Lazada category in the connection settings.',
  },
  '4104': { vi: 'Lazada không nhận số lẻ trong giá; hãy để giá là số nguyên đồng.', en: 'Lazada refused the price’s decimals; use a whole-đồng price.' },
  '300': { vi: 'Lazada không nhận ảnh; hãy dùng ảnh JPG hoặc PNG.', en: 'Lazada refused the picture; use a JPG or PNG image.' },
  '303': { vi: 'Ảnh quá lớn với Lazada; hãy dùng ảnh dưới 3 MB.', en: 'The picture is too large for Lazada; use one under 3 MB.' },
  order_items_missing: {
    vi: 'Lazada chưa trả các mặt hàng của đơn; hệ thống sẽ tự thử lại.',
    en: 'Lazada has not returned the order’s items yet; it is retried automatically.',
  },
} satisfies ErrorSentences;
