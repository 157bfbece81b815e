import { mapShopeeOrder, shopeeOrderState } from './shopee.orders.js';

describe('Shopee order mapping', () => {
  it('holds stock for every status after payment, including a pending cancel or return', () => {
    const states = [
      'UNPAID',
      'READY_TO_SHIP',
      'PROCESSED',
      'SHIPPED',
      'TO_CONFIRM_RECEIVE',
      'RETRY_SHIP',
      'IN_CANCEL',
      'TO_RETURN',
      'CANCELLED',
      'COMPLETED',
      'SOMETHING_NEW',
    ].map((status) => [status, shopeeOrderState(status)]);
    expect(Object.fromEntries(states)).toEqual({
      UNPAID: 'unpaid',
      READY_TO_SHIP: 'paid',
      PROCESSED: 'paid',
      SHIPPED: 'shipped',
      TO_CONFIRM_RECEIVE: 'shipped',
      RETRY_SHIP: 'paid',
      IN_CANCEL: 'paid',
      TO_RETURN: 'paid',
      CANCELLED: 'cancelled',
      COMPLETED: 'completed',
      SOMETHING_NEW: 'unpaid',
    });
  });

  it('takes the model SKU over the item SKU, whole đồng, and the original price when a bundle deal reports 0', () => {
    const order = mapShopeeOrder({
      order_sn: '2404098R48U37H',
      order_status: 'COMPLETED',
      create_time: 1712601591,
      update_time: 1713139948,
      buyer_username: 'xt4fdsf96j',
      total_amount: 32119,
      item_list: [
        {
          item_name: 'Kem',
          item_sku: '',
          model_sku: 'QAZ-SADOER-05',
          model_name: '60g',
          model_quantity_purchased: 1,
          model_original_price: 300000,
          model_discounted_price: 48000,
        },
        {
          item_name: 'Gạo ST25',
          item_sku: 'GAO-ST25-5KG',
          model_sku: '',
          model_quantity_purchased: 2,
          model_original_price: 185000.4,
          model_discounted_price: 0,
        },
      ],
    });
    expect(order).toEqual({
      externalId: '2404098R48U37H',
      platformStatus: 'COMPLETED',
      state: 'completed',
      createdAt: new Date(1712601591_000),
      updatedAt: new Date(1713139948_000),
      buyerName: 'xt4fdsf96j',
      total: 32119,
      lines: [
        { sku: 'QAZ-SADOER-05', name: 'Kem (60g)', quantity: 1, unitPrice: 48000 },
        { sku: 'GAO-ST25-5KG', name: 'Gạo ST25', quantity: 2, unitPrice: 185000 },
      ],
    });
  });

  it('adds up the lines while Shopee withholds total_amount (unpaid orders)', () => {
    const order = mapShopeeOrder({
      order_sn: 'X',
      order_status: 'UNPAID',
      create_time: 1,
      update_time: 1,
      item_list: [{ item_name: 'Chè', item_sku: 'CHE', model_quantity_purchased: 3, model_original_price: 120000, model_discounted_price: 120000 }],
    });
    expect(order).toMatchObject({ state: 'unpaid', total: 360000, buyerName: null });
  });
});
