import { registerMessages } from '@nongsan/core';

registerMessages({
  vi: {
    errors: {
      STOCK_INSUFFICIENT: 'Không đủ hàng cho một số sản phẩm trong giỏ.',
      PAYMENT_NOT_PENDING: 'Khoản thanh toán này không còn chờ xác nhận.',
      PAYOUT_EXCEEDS_BALANCE: 'Số tiền chi trả lớn hơn số hợp tác xã đang được nợ.',
      ORDER_MANAGED_BY_CHANNEL: 'Đơn này đặt trên sàn thương mại điện tử; hãy xử lý trên sàn, trạng thái sẽ tự cập nhật về đây.',
      REFUND_NOT_PENDING: 'Khoản hoàn tiền này đã được hoàn rồi.',
    },
    entities: { order: 'đơn hàng', checkout: 'lần thanh toán', refund: 'khoản hoàn tiền' },
    validation: {
      stockShort: '“{{name}}” chỉ còn {{available}} sản phẩm.',
      soldOut: '“{{name}}” đã hết hàng.',
      quantityAboveMax: 'Mỗi đơn chỉ mua được tối đa {{max}} “{{name}}”.',
      itemRepeated: 'Sản phẩm này đã có trong giỏ ở dòng khác.',
      variantUnavailable: 'Sản phẩm này hiện không bán.',
      paymentMethodUnavailable: 'Phương thức thanh toán “{{method}}” chưa được hỗ trợ.',
      cardUnavailable: 'Thanh toán thẻ tạm thời không kết nối được; hãy gửi lại yêu cầu với cùng Idempotency-Key.',
      webhookSignature: 'Chữ ký Stripe-Signature không hợp lệ.',
      payoutExceedsBalance: 'Hợp tác xã hiện có thể nhận tối đa {{balance}} đồng (đã trừ tiền hoàn và tiền của đơn chưa giao).',
      idempotencyKey: 'Cần header Idempotency-Key (8–100 ký tự chữ, số, - hoặc _) để gửi lại an toàn.',
    },
  },
  en: {
    errors: {
      STOCK_INSUFFICIENT: 'Some items are not in stock in the quantity asked.',
      PAYMENT_NOT_PENDING: 'This payment is no longer waiting to be confirmed.',
      PAYOUT_EXCEEDS_BALANCE: 'The payout is more than the cooperative is owed.',
      ORDER_MANAGED_BY_CHANNEL: 'This order was placed on a marketplace; handle it there and its status follows here.',
      REFUND_NOT_PENDING: 'This refund has already been paid back.',
    },
    entities: { order: 'order', checkout: 'checkout', refund: 'refund' },
    validation: {
      stockShort: 'Only {{available}} of “{{name}}” left.',
      soldOut: '“{{name}}” is sold out.',
      quantityAboveMax: 'At most {{max}} of “{{name}}” per order.',
      itemRepeated: 'This product is already on another line of the cart.',
      variantUnavailable: 'This product is not for sale now.',
      paymentMethodUnavailable: 'Payment method “{{method}}” is not offered.',
      cardUnavailable: 'Card payments cannot be reached right now; send the request again with the same Idempotency-Key.',
      webhookSignature: 'The Stripe-Signature is not valid.',
      payoutExceedsBalance: 'At most {{balance}} đồng can be paid to the cooperative now (refunds and orders not yet delivered left out).',
      idempotencyKey: 'An Idempotency-Key header (8–100 letters, digits, - or _) is required so the request can be retried safely.',
    },
  },
});
