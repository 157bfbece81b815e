import { translate } from '../../i18n/i18n.js';

/**
 * What each moment says, in Vietnamese and English. Lines are plain text (the e-mail renderer
 * escapes them); `action` is the one link, a path under PUBLIC_URL (or a full URL a writer built
 * from it). No template repeats a secret except the single-use link of a reset or verification.
 */
export type TemplateData = Record<string, unknown>;

export interface MessageText {
  subject: string;
  /** Paragraphs; `- ` starts a list line. */
  lines: string[];
  action?: { label: string; href: string };
}

export type TemplateLocale = 'vi' | 'en';

export interface TemplateDefinition {
  /** A person may turn it off (GET/PUT /me/notification-preferences); transactional ones always go. */
  optional: boolean;
  /** Data keys removed from the outbox row once it is sent or given up (the link's token). */
  secretKeys?: string[];
  vi: (d: TemplateData) => MessageText;
  en: (d: TemplateData) => MessageText;
}

const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const vnd = (value: unknown) => `${new Intl.NumberFormat('vi-VN').format(Number(value ?? 0))} ₫`;
const day = (value: unknown, locale: TemplateLocale) =>
  new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(str(value)));
/** The short reference a buyer and a cooperative both see: the order id's first block. */
export const orderCode = (d: TemplateData) => str(d.orderCode) || str(d.orderId).slice(0, 8).toUpperCase();
/** The storefront, or a platform by the name its context registered (messages `platforms.<id>`), else by its id. */
const channelName = (value: unknown, locale: TemplateLocale) => {
  const name = str(value);
  if (!name || name === 'web') return locale === 'vi' ? 'cửa hàng Nông sản' : 'the Nông sản storefront';
  return translate(locale, `platforms.${name}`, { defaultValue: name });
};
const reason = (d: TemplateData, label: string) => (d.reason ? [`${label}: ${str(d.reason)}`] : []);

export const TEMPLATES: Record<string, TemplateDefinition> = {
  'cooperative.submitted': {
    optional: true,
    vi: (d) => ({
      subject: `Hồ sơ mới chờ duyệt: ${str(d.cooperativeName)}`,
      lines: [`${str(d.cooperativeName)} vừa gửi hồ sơ đăng ký bán hàng và đang chờ Sở xem xét.`],
      action: { label: 'Xem hồ sơ', href: `/department/cooperatives/${str(d.cooperativeId)}` },
    }),
    en: (d) => ({
      subject: `New application to review: ${str(d.cooperativeName)}`,
      lines: [`${str(d.cooperativeName)} has submitted its application and is waiting for the Department's review.`],
      action: { label: 'Open the application', href: `/department/cooperatives/${str(d.cooperativeId)}` },
    }),
  },
  'cooperative.approved': {
    optional: false,
    vi: (d) => ({
      subject: `Hồ sơ của ${str(d.cooperativeName)} đã được duyệt`,
      lines: [`Sở Công Thương đã duyệt hồ sơ của ${str(d.cooperativeName)}.`, 'Từ bây giờ bạn có thể đăng bán sản phẩm trên Nông sản.'],
      action: { label: 'Vào trang người bán', href: '/seller' },
    }),
    en: (d) => ({
      subject: `${str(d.cooperativeName)} has been approved`,
      lines: [`The Department of Industry and Trade has approved ${str(d.cooperativeName)}.`, 'You can now publish your products on Nông sản.'],
      action: { label: 'Open the seller portal', href: '/seller' },
    }),
  },
  'cooperative.rejected': {
    optional: false,
    vi: (d) => ({
      subject: `Hồ sơ của ${str(d.cooperativeName)} chưa được duyệt`,
      lines: [`Sở Công Thương chưa duyệt hồ sơ của ${str(d.cooperativeName)}.`, ...reason(d, 'Lý do'), 'Bạn có thể bổ sung hồ sơ và gửi lại.'],
      action: { label: 'Bổ sung hồ sơ', href: '/seller/onboarding' },
    }),
    en: (d) => ({
      subject: `${str(d.cooperativeName)} was not approved`,
      lines: [
        `The Department of Industry and Trade did not approve ${str(d.cooperativeName)}.`,
        ...reason(d, 'Reason'),
        'You can complete the application and submit it again.',
      ],
      action: { label: 'Complete the application', href: '/seller/onboarding' },
    }),
  },
  'cooperative.suspended': {
    optional: false,
    vi: (d) => ({
      subject: `${str(d.cooperativeName)} bị tạm ngừng bán hàng`,
      lines: [`Sở Công Thương đã tạm ngừng hoạt động bán hàng của ${str(d.cooperativeName)}.`, ...reason(d, 'Lý do')],
    }),
    en: (d) => ({
      subject: `${str(d.cooperativeName)} has been suspended`,
      lines: [`The Department of Industry and Trade has suspended ${str(d.cooperativeName)}.`, ...reason(d, 'Reason')],
    }),
  },
  'cooperative.reinstated': {
    optional: false,
    vi: (d) => ({
      subject: `${str(d.cooperativeName)} được bán hàng trở lại`,
      lines: [`${str(d.cooperativeName)} đã được phép bán hàng trở lại.`],
      action: { label: 'Vào trang người bán', href: '/seller' },
    }),
    en: (d) => ({
      subject: `${str(d.cooperativeName)} has been reinstated`,
      lines: [`${str(d.cooperativeName)} may sell again.`],
      action: { label: 'Open the seller portal', href: '/seller' },
    }),
  },
  'product.ocop.verified': {
    optional: true,
    vi: (d) => ({
      subject: `Chứng nhận OCOP của “${str(d.productName)}” đã được xác nhận`,
      lines: [`Sản phẩm “${str(d.productName)}” được xác nhận OCOP ${str(d.stars)} sao.`],
    }),
    en: (d) => ({
      subject: `OCOP rating of “${str(d.productName)}” verified`,
      lines: [`“${str(d.productName)}” is verified as a ${str(d.stars)}-star OCOP product.`],
    }),
  },
  'product.ocop.rejected': {
    optional: true,
    vi: (d) => ({
      subject: `Chứng nhận OCOP của “${str(d.productName)}” chưa được xác nhận`,
      lines: [`Chứng nhận OCOP của sản phẩm “${str(d.productName)}” chưa được xác nhận.`, ...reason(d, 'Lý do')],
    }),
    en: (d) => ({
      subject: `OCOP rating of “${str(d.productName)}” not verified`,
      lines: [`The OCOP rating of “${str(d.productName)}” was not verified.`, ...reason(d, 'Reason')],
    }),
  },
  'order.new': {
    optional: true,
    vi: (d) => ({
      subject: `Đơn hàng mới ${orderCode(d)} cần xác nhận`,
      lines: [
        `${str(d.cooperativeName)} có đơn hàng mới ${orderCode(d)} từ ${channelName(d.channel, 'vi')}, trị giá ${vnd(d.total)}.`,
        'Vui lòng xác nhận và chuẩn bị hàng.',
      ],
      action: { label: 'Xem đơn hàng', href: `/seller/orders/${str(d.orderId)}` },
    }),
    en: (d) => ({
      subject: `New order ${orderCode(d)} to confirm`,
      lines: [
        `${str(d.cooperativeName)} has a new order ${orderCode(d)} from ${channelName(d.channel, 'en')}, worth ${vnd(d.total)}.`,
        'Please confirm it and prepare the goods.',
      ],
      action: { label: 'Open the order', href: `/seller/orders/${str(d.orderId)}` },
    }),
  },
  'order.confirmed': {
    optional: false,
    vi: (d) => ({
      subject: `Đơn hàng ${orderCode(d)} đã được xác nhận`,
      lines: [`${str(d.cooperativeName)} đã xác nhận đơn hàng ${orderCode(d)} (${vnd(d.total)}) và đang chuẩn bị hàng.`],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Order ${orderCode(d)} confirmed`,
      lines: [`${str(d.cooperativeName)} has confirmed your order ${orderCode(d)} (${vnd(d.total)}) and is preparing it.`],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'order.shipped': {
    optional: false,
    vi: (d) => ({
      subject: `Đơn hàng ${orderCode(d)} đang được giao`,
      lines: [
        `${str(d.cooperativeName)} đã gửi đơn hàng ${orderCode(d)}.`,
        ...(d.trackingNumber ? [`Mã vận đơn: ${str(d.trackingNumber)}${d.carrier ? ` (${str(d.carrier)})` : ''}`] : []),
      ],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Order ${orderCode(d)} is on its way`,
      lines: [
        `${str(d.cooperativeName)} has shipped your order ${orderCode(d)}.`,
        ...(d.trackingNumber ? [`Tracking number: ${str(d.trackingNumber)}${d.carrier ? ` (${str(d.carrier)})` : ''}`] : []),
      ],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'order.delivered': {
    optional: false,
    vi: (d) => ({
      subject: `Đơn hàng ${orderCode(d)} đã giao thành công`,
      lines: [`Đơn hàng ${orderCode(d)} của ${str(d.cooperativeName)} đã được giao. Cảm ơn bạn đã ủng hộ nông sản địa phương!`],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Order ${orderCode(d)} delivered`,
      lines: [`Your order ${orderCode(d)} from ${str(d.cooperativeName)} has been delivered. Thank you for supporting local farmers!`],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'order.returned': {
    optional: false,
    vi: (d) => ({
      subject: `Đơn hàng ${orderCode(d)} không giao được và đã được trả về`,
      lines: [
        `Đơn vị vận chuyển không giao được đơn hàng ${orderCode(d)} và đã trả hàng về ${str(d.cooperativeName)}. Bạn không phải trả tiền cho đơn này.`,
        'Nếu vẫn muốn mua, hãy đặt lại đơn và kiểm tra số điện thoại, địa chỉ nhận hàng.',
      ],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Order ${orderCode(d)} could not be delivered and went back`,
      lines: [
        `The carrier could not deliver your order ${orderCode(d)} and brought it back to ${str(d.cooperativeName)}. You owe nothing for it.`,
        'If you still want it, place the order again and check your phone number and delivery address.',
      ],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'payment.received': {
    optional: false,
    vi: (d) => ({
      subject: `Đã nhận thanh toán cho đơn hàng ${orderCode(d)}`,
      lines: [`Chúng tôi đã nhận ${vnd(d.amount)} cho đơn hàng ${orderCode(d)} của ${str(d.cooperativeName)}.`],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Payment received for order ${orderCode(d)}`,
      lines: [`We have received ${vnd(d.amount)} for your order ${orderCode(d)} from ${str(d.cooperativeName)}.`],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'order.refunded': {
    optional: false,
    vi: (d) => ({
      subject: `Đã hoàn tiền đơn hàng ${orderCode(d)}`,
      lines: [`Đơn hàng ${orderCode(d)} của ${str(d.cooperativeName)} đã được hoàn ${vnd(d.amount)}.`, ...reason(d, 'Lý do')],
      action: { label: 'Xem đơn hàng', href: '/me/orders' },
    }),
    en: (d) => ({
      subject: `Order ${orderCode(d)} refunded`,
      lines: [`${vnd(d.amount)} has been refunded for your order ${orderCode(d)} from ${str(d.cooperativeName)}.`, ...reason(d, 'Reason')],
      action: { label: 'View your orders', href: '/me/orders' },
    }),
  },
  'channels.digest': {
    optional: true,
    vi: (d) => ({
      subject: `Kênh bán hàng của ${str(d.cooperativeName)} cần xem lại`,
      lines: ['Các kênh bán hàng sau cần bạn xử lý:', ...digestLines(d, 'vi')],
      action: { label: 'Xem các kênh bán hàng', href: '/seller/channels' },
    }),
    en: (d) => ({
      subject: `Sales channels of ${str(d.cooperativeName)} need attention`,
      lines: ['These sales channels need your attention:', ...digestLines(d, 'en')],
      action: { label: 'Open your sales channels', href: '/seller/channels' },
    }),
  },
  'ocop.expiring': {
    optional: true,
    vi: (d) => ({
      subject: `Chứng nhận OCOP của “${str(d.productName)}” sắp hết hạn`,
      lines: [
        `Chứng nhận OCOP số ${str(d.certificateNumber)} của sản phẩm “${str(d.productName)}” hết hạn ngày ${day(d.expiresAt, 'vi')}.`,
        'Hãy gia hạn và cập nhật chứng nhận mới để giữ huy hiệu OCOP.',
      ],
      action: { label: 'Cập nhật sản phẩm', href: `/seller/products/${str(d.productId)}` },
    }),
    en: (d) => ({
      subject: `OCOP certificate of “${str(d.productName)}” expires soon`,
      lines: [
        `OCOP certificate ${str(d.certificateNumber)} of “${str(d.productName)}” expires on ${day(d.expiresAt, 'en')}.`,
        'Renew it and upload the new certificate to keep the OCOP badge.',
      ],
      action: { label: 'Update the product', href: `/seller/products/${str(d.productId)}` },
    }),
  },
  'auth.password-reset': {
    optional: false,
    secretKeys: ['token'],
    vi: (d) => ({
      subject: 'Đặt lại mật khẩu Nông sản',
      lines: [
        `Xin chào ${str(d.fullName)},`,
        'Có người (có thể là bạn) vừa yêu cầu đặt lại mật khẩu tài khoản Nông sản của bạn. Liên kết dưới đây dùng được một lần trong 30 phút.',
        'Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn vẫn giữ nguyên.',
      ],
      action: { label: 'Đặt mật khẩu mới', href: `/reset-password?token=${encodeURIComponent(str(d.token))}` },
    }),
    en: (d) => ({
      subject: 'Reset your Nông sản password',
      lines: [
        `Hello ${str(d.fullName)},`,
        'Someone (probably you) asked to reset the password of your Nông sản account. The link below works once, for 30 minutes.',
        'If it was not you, ignore this e-mail; your password stays as it is.',
      ],
      action: { label: 'Set a new password', href: `/reset-password?token=${encodeURIComponent(str(d.token))}` },
    }),
  },
  'auth.email-verification': {
    optional: false,
    secretKeys: ['token'],
    vi: (d) => ({
      subject: 'Xác nhận địa chỉ email Nông sản',
      lines: [`Xin chào ${str(d.fullName)},`, 'Hãy xác nhận đây là địa chỉ email của bạn. Liên kết dùng được một lần trong 30 phút.'],
      action: { label: 'Xác nhận email', href: `/verify-email?token=${encodeURIComponent(str(d.token))}` },
    }),
    en: (d) => ({
      subject: 'Confirm your Nông sản e-mail address',
      lines: [`Hello ${str(d.fullName)},`, 'Please confirm that this is your e-mail address. The link works once, for 30 minutes.'],
      action: { label: 'Confirm my e-mail', href: `/verify-email?token=${encodeURIComponent(str(d.token))}` },
    }),
  },
  'member.invitation': {
    optional: false,
    vi: (d) => ({
      subject: `Lời mời tham gia ${str(d.cooperativeName)} trên Nông sản`,
      lines: [`${str(d.invitedByName)} mời bạn cùng quản lý ${str(d.cooperativeName)} trên Nông sản.`],
      action: { label: 'Nhận lời mời', href: str(d.acceptUrl) },
    }),
    en: (d) => ({
      subject: `Invitation to join ${str(d.cooperativeName)} on Nông sản`,
      lines: [`${str(d.invitedByName)} invites you to help manage ${str(d.cooperativeName)} on Nông sản.`],
      action: { label: 'Accept the invitation', href: str(d.acceptUrl) },
    }),
  },
};

function digestLines(d: TemplateData, locale: TemplateLocale): string[] {
  const channels = Array.isArray(d.channels) ? (d.channels as Array<{ platform?: string; problem?: string; failures?: number }>) : [];
  return channels.map((c) => {
    const name = channelName(c.platform, locale);
    if (c.problem === 'reconnect')
      return locale === 'vi' ? `- ${name}: cần kết nối lại (quyền truy cập đã hết hạn)` : `- ${name}: needs reconnecting (its authorisation expired)`;
    return locale === 'vi' ? `- ${name}: ${c.failures ?? 0} sản phẩm đồng bộ thất bại` : `- ${name}: ${c.failures ?? 0} listings keep failing to sync`;
  });
}

export const isKnownTemplate = (name: string) => Object.hasOwn(TEMPLATES, name);

/** The text of a message; an unknown locale falls back to Vietnamese. */
export function messageText(template: string, locale: string, data: TemplateData): MessageText {
  const definition = TEMPLATES[template];
  if (!definition) throw new Error(`unknown notification template ${template}`);
  return (locale === 'en' ? definition.en : definition.vi)(data);
}
