import { mapTikTokOrder, tiktokOrderState } from './tiktok-shop.orders.js';

describe('TikTok Shop order mapping', () => {
  it('holds stock from payment until the order completes or is cancelled', () => {
    const statuses = [
      'UNPAID',
      'ON_HOLD',
      'AWAITING_SHIPMENT',
      'PARTIALLY_SHIPPING',
      'AWAITING_COLLECTION',
      'IN_TRANSIT',
      'DELIVERED',
      'COMPLETED',
      'CANCELLED',
      'CANCEL',
      'SOMETHING_NEW',
    ];
    expect(Object.fromEntries(statuses.map((status) => [status, tiktokOrderState(status)]))).toEqual({
      UNPAID: 'unpaid',
      ON_HOLD: 'paid',
      AWAITING_SHIPMENT: 'paid',
      PARTIALLY_SHIPPING: 'paid',
      AWAITING_COLLECTION: 'paid',
      IN_TRANSIT: 'shipped',
      DELIVERED: 'shipped',
      COMPLETED: 'completed',
      CANCELLED: 'cancelled',
      CANCEL: 'cancelled',
      SOMETHING_NEW: 'unpaid',
    });
  });

  it('folds one line item per unit into lines with quantities, in whole đồng', () => {
    const unit = { sku_id: '1729', seller_sku: 'GAO-ST25-5KG', product_name: 'Gạo ST25 túi 5kg', original_price: '185000', sale_price: '185000' };
    const order = mapTikTokOrder({
      id: '576461413038785752',
      status: 'AWAITING_SHIPMENT',
      create_time: 1712601591,
      update_time: 1713139948,
      payment: { currency: 'VND', total_amount: '585000.4', sub_total: '555000' },
      recipient_address: { name: 'Nguyễn Văn A' },
      line_items: [
        unit,
        unit,
        unit,
        { ...unit, seller_sku: 'CHE-TC-200', product_name: 'Chè Tân Cương', sku_name: 'Gói 200g', original_price: '120000', sale_price: '99999.6' },
      ],
    });
    expect(order).toEqual({
      externalId: '576461413038785752',
      platformStatus: 'AWAITING_SHIPMENT',
      state: 'paid',
      createdAt: new Date(1712601591_000),
      updatedAt: new Date(1713139948_000),
      buyerName: 'Nguyễn Văn A',
      total: 585000,
      lines: [
        { sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', quantity: 3, unitPrice: 185000 },
        { sku: 'CHE-TC-200', name: 'Chè Tân Cương (Gói 200g)', quantity: 1, unitPrice: 100000 },
      ],
    });
  });

  it('keeps units sold at different prices apart, and adds up the lines when there is no total', () => {
    const order = mapTikTokOrder({
      id: '1',
      status: 'UNPAID',
      create_time: 1,
      update_time: 2,
      line_items: [
        { seller_sku: 'MAM-NEM', product_name: 'Mắm nêm', sale_price: '50000' },
        { seller_sku: 'MAM-NEM', product_name: 'Mắm nêm', sale_price: '45000' },
        { seller_sku: 'MAM-NEM', product_name: 'Mắm nêm', original_price: '52000' },
      ],
    });
    expect(order).toMatchObject({ state: 'unpaid', buyerName: null, total: 147000 });
    expect(order.lines.map((line) => [line.quantity, line.unitPrice])).toEqual([
      [1, 50000],
      [1, 45000],
      [1, 52000],
    ]);
  });
});
