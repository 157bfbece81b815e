import { registerMessages } from '@nongsan/core';
import type { DeliveryErrorCode } from './delivery.errors.js';

registerMessages({
  vi: {
    errors: {
      CARRIER_CREDENTIALS_REJECTED: '{{carrier}} không chấp nhận tài khoản này. Hãy chép lại token (và mã cửa hàng) từ trang quản lý của {{carrier}}.',
      CARRIER_UNREACHABLE: 'Chưa liên lạc được với {{carrier}}; hãy thử lại sau ít phút.',
      CARRIER_ROUTE_UNSERVED: '{{carrier}} chưa giao hàng đến địa chỉ này; hãy chọn địa chỉ nhận khác hoặc liên hệ hợp tác xã.',
      CARRIER_WEBHOOK_REFUSED: 'Địa chỉ nhận thông báo không đúng mã bí mật.',
      SHIPMENT_NOT_BOOKED: 'Đơn vị vận chuyển chưa nhận vận đơn này; hãy chờ ít phút rồi in lại nhãn.',
      SHIPMENT_CANCEL_REFUSED:
        '{{carrier}} không huỷ vận đơn {{trackingNumber}} ({{reason}}), nên đơn hàng chưa bị huỷ. Nếu hàng đã được lấy, hãy liên hệ {{carrier}} để yêu cầu hoàn hàng về hợp tác xã.',
      SHIPMENT_BUSY: '{{carrier}} đang xử lý vận đơn của đơn hàng này; hãy thử huỷ lại sau ít phút.',
    } satisfies Record<DeliveryErrorCode, string>,
    entities: { carrierAccount: 'tài khoản vận chuyển', shipment: 'vận đơn' },
    validation: {
      carrierUnknown: 'Đơn vị vận chuyển này chưa được hỗ trợ; hiện có: {{carriers}}.',
      carrierField: '{{problem}}',
      carrierRejected: '{{carrier}} trả lời: {{message}}',
      carrierUnreachable: '{{carrier}}: {{message}}',
      carrierWardUnmapped: '{{carrier}} chưa có địa chỉ tương ứng với {{ward}} ({{wardCode}}); hãy chọn phường/xã lân cận hoặc đơn vị vận chuyển khác.',
      carrierPickupUnserved: '{{carrier}} chưa lấy hàng tại {{ward}}.',
      orderRouteUnserved: 'Đơn của {{cooperative}}: {{carrier}} chưa giao đến {{ward}}.',
      carrierWebhookUnreadable: 'Nội dung thông báo không đúng định dạng của đơn vị vận chuyển.',
      labelsOneCarrier: 'Chỉ in nhãn cùng lúc cho các đơn của cùng một đơn vị vận chuyển.',
      orderWardUnmapped: 'Đơn của {{cooperative}}: {{carrier}} chưa có địa chỉ tương ứng với {{ward}} ({{wardCode}}).',
    },
    delivery: {
      fallbackNotice: 'Chưa lấy được phí từ đơn vị vận chuyển; phí giao hàng tạm tính theo bảng phí cố định.',
    },
  },
  en: {
    errors: {
      CARRIER_CREDENTIALS_REJECTED: '{{carrier}} did not accept this account. Copy the token (and shop id) again from your {{carrier}} account page.',
      CARRIER_UNREACHABLE: '{{carrier}} cannot be reached right now; try again in a few minutes.',
      CARRIER_ROUTE_UNSERVED: '{{carrier}} does not deliver to this address; choose another delivery address or contact the cooperative.',
      CARRIER_WEBHOOK_REFUSED: 'The notification address does not carry the right secret.',
      SHIPMENT_NOT_BOOKED: 'The carrier has not taken this shipment yet; wait a few minutes and print the label again.',
      SHIPMENT_CANCEL_REFUSED:
        '{{carrier}} did not cancel shipment {{trackingNumber}} ({{reason}}), so the order is not cancelled. If the parcel has been picked up, ask {{carrier}} to return it to the cooperative.',
      SHIPMENT_BUSY: '{{carrier}} is handling this order’s shipment right now; try cancelling again in a few minutes.',
    } satisfies Record<DeliveryErrorCode, string>,
    entities: { carrierAccount: 'carrier account', shipment: 'shipment' },
    validation: {
      carrierUnknown: 'This carrier is not supported; available: {{carriers}}.',
      carrierField: '{{problem}}',
      carrierRejected: '{{carrier}} says: {{message}}',
      carrierUnreachable: '{{carrier}}: {{message}}',
      carrierWardUnmapped: '{{carrier}} has no address matching {{ward}} ({{wardCode}}); choose a neighbouring ward or another carrier.',
      carrierPickupUnserved: '{{carrier}} does not pick up in {{ward}}.',
      orderRouteUnserved: "{{cooperative}}'s order: {{carrier}} does not deliver to {{ward}}.",
      carrierWebhookUnreadable: "The notification is not in the carrier's format.",
      labelsOneCarrier: 'Labels print together only for orders with the same carrier.',
      orderWardUnmapped: "{{cooperative}}'s order: {{carrier}} has no address matching {{ward}} ({{wardCode}}).",
    },
    delivery: {
      fallbackNotice: "The carriers' fees could not be fetched; shipping is charged from the flat fee table.",
    },
  },
});
