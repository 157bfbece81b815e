import { registerMessages } from '@nongsan/core';
import type { ChannelErrorCode } from './channels.errors.js';

/** Brand names, the same in both languages. */
const PLATFORM_NAMES = { shopee: 'Shopee', lazada: 'Lazada', 'tiktok-shop': 'TikTok Shop', 'google-merchant': 'Google Merchant', 'meta-catalog': 'Meta' };

registerMessages({
  vi: {
    errors: {
      CHANNEL_ALREADY_CONNECTED: 'Gian hàng này đã được kết nối.',
      CHANNEL_CREDENTIALS_REJECTED: 'Sàn {{platform}} không chấp nhận thông tin kết nối.',
      CHANNEL_UNREACHABLE: 'Chưa liên lạc được với sàn {{platform}}; hãy thử lại sau ít phút.',
      CHANNEL_DISCONNECTED: 'Kết nối này đã ngắt.',
      WEBHOOK_SIGNATURE_INVALID: 'Chữ ký của thông báo không hợp lệ.',
      CHANNEL_IS_FEED: 'Nguồn cấp dữ liệu (feed) do sàn tự đọc định kỳ; không có gì để đồng bộ.',
      CHANNEL_IS_SHOP: 'Đây là gian hàng kết nối qua API, không có đường dẫn nguồn cấp dữ liệu.',
      CHANNEL_AUTHORIZATION_STATE_UNKNOWN: 'Liên kết kết nối gian hàng này không hợp lệ; chưa có gì được lưu. Hãy bấm “Kết nối” lại từ trang kết nối sàn.',
      CHANNEL_AUTHORIZATION_STATE_USED: 'Liên kết kết nối gian hàng này đã được dùng rồi; chưa có gì thay đổi. Hãy bấm “Kết nối” lại nếu cần.',
      CHANNEL_AUTHORIZATION_STATE_EXPIRED: 'Liên kết kết nối gian hàng đã quá 10 phút nên hết hạn; chưa có gì được lưu. Hãy bấm “Kết nối” lại.',
      CHANNEL_AUTHORIZATION_REFUSED: 'Sàn {{platform}} không xác nhận việc cấp quyền ({{code}}: {{message}}); chưa có gì được lưu. Hãy bấm “Kết nối” lại.',
      CHANNEL_PLATFORM_REFUSED: 'Sàn {{platform}} từ chối: {{message}}',
    } satisfies Record<ChannelErrorCode, string>,
    entities: { channel: 'kết nối sàn', feed: 'nguồn cấp dữ liệu' },
    validation: {
      platformUnknown: 'Sàn này chưa được hỗ trợ; các sàn hiện có: {{platforms}}.',
      credentialField: '“{{field}}”: {{problem}}',
      credentialsRejected: '{{platform}} trả lời: {{message}} ({{code}})',
      channelConnected: 'Gian hàng {{platform}} này đã được kết nối; hãy ngắt kết nối cũ trước.',
      channelUnreachable: '{{platform}}: {{message}}',
      positiveInteger: '“{{field}}” phải là số nguyên dương.',
      feedPlatform: 'Chỉ tạo được nguồn cấp dữ liệu cho: {{platforms}}.',
      channelNotSetUp: 'Đơn vị vận hành chưa đăng ký ứng dụng với sàn {{platform}}; hãy kết nối bằng thông tin do sàn cấp.',
      channelChoice: 'Gian hàng không có lựa chọn này; hãy chọn trong danh sách lấy từ sàn.',
    },
    channels: {
      listingFailed: '{{message}}',
      CATEGORY_UNMAPPED: 'Danh mục “{{detail}}” chưa có danh mục tương ứng trên sàn; hãy chọn danh mục sàn trong cài đặt kết nối (settings.categories).',
      IMAGES_REQUIRED: 'Sản phẩm “{{detail}}” chưa có ảnh; sàn chỉ nhận sản phẩm có ít nhất một ảnh.',
      GAVE_UP: 'Đã thử nhiều lần không được ({{detail}}); hãy đồng bộ lại khi sàn hoạt động bình thường.',
      REAUTHORIZE:
        'Sàn {{platform}} không còn gia hạn quyền truy cập gian hàng; hãy bấm “Kết nối lại” và đồng ý trên {{platform}}. Các thay đổi vẫn được giữ và sẽ gửi lên sau đó.',
    },
    /** How a message to a person names each platform (a new order from…, a channel needing attention). */
    platforms: PLATFORM_NAMES,
  },
  en: {
    errors: {
      CHANNEL_ALREADY_CONNECTED: 'This shop is already connected.',
      CHANNEL_CREDENTIALS_REJECTED: '{{platform}} did not accept these credentials.',
      CHANNEL_UNREACHABLE: '{{platform}} cannot be reached right now; try again in a few minutes.',
      CHANNEL_DISCONNECTED: 'This connection is disconnected.',
      WEBHOOK_SIGNATURE_INVALID: 'The notification signature is not valid.',
      CHANNEL_IS_FEED: 'A feed is read by the platform on its own schedule; there is nothing to sync.',
      CHANNEL_IS_SHOP: 'This is a shop connected through its API; it has no feed address.',
      CHANNEL_AUTHORIZATION_STATE_UNKNOWN: 'This shop connection link is not valid; nothing was stored. Press “Connect” again on the channels page.',
      CHANNEL_AUTHORIZATION_STATE_USED: 'This shop connection link was already used; nothing changed. Press “Connect” again if needed.',
      CHANNEL_AUTHORIZATION_STATE_EXPIRED: 'This shop connection link expired after 10 minutes; nothing was stored. Press “Connect” again.',
      CHANNEL_AUTHORIZATION_REFUSED: '{{platform}} did not confirm the authorization ({{code}}: {{message}}); nothing was stored. Press “Connect” again.',
      CHANNEL_PLATFORM_REFUSED: '{{platform}} refused: {{message}}',
    } satisfies Record<ChannelErrorCode, string>,
    entities: { channel: 'channel connection', feed: 'feed' },
    validation: {
      platformUnknown: 'This platform is not supported; available: {{platforms}}.',
      credentialField: '{{field}}: {{problem}}',
      credentialsRejected: '{{platform}} says: {{message}} ({{code}})',
      channelConnected: 'This {{platform}} shop is already connected; disconnect it first.',
      channelUnreachable: '{{platform}}: {{message}}',
      positiveInteger: '{{field}} must be a positive whole number.',
      feedPlatform: 'Feeds exist for: {{platforms}}.',
      channelNotSetUp: 'The operator has not registered an app with {{platform}}; connect with the credentials the platform gives instead.',
      channelChoice: 'The shop does not offer this; pick from the list read from the platform.',
    },
    channels: {
      listingFailed: '{{message}}',
      CATEGORY_UNMAPPED: 'Category “{{detail}}” has no matching category on this platform; choose one in the connection settings (settings.categories).',
      IMAGES_REQUIRED: '“{{detail}}” has no picture yet; marketplaces only take products with at least one image.',
      GAVE_UP: 'Gave up after repeated failures ({{detail}}); run a full sync once the platform is healthy.',
      REAUTHORIZE: '{{platform}} no longer renews the shop’s access; press “Reconnect” and approve on {{platform}}. Changes are kept and sent afterwards.',
    },
    platforms: PLATFORM_NAMES,
  },
});
