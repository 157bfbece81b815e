import { lazadaItemState, lazadaOrderState, mapLazadaOrder } from './lazada.orders.js';

describe('Lazada order mapping', () => {
  it('holds stock for every item status after payment, returns and failed deliveries included', () => {
    const statuses = [
      'unpaid',
      'pending',
      'packed',
      'ready_to_ship',
      'shipped',
      'failed_delivery',
      'shipped_back',
      'returned',
      'lost',
      'canceled',
      'delivered',
      'confirmed',
      'something_new',
    ];
    expect(Object.fromEntries(statuses.map((status) => [status, lazadaItemState(status)]))).toEqual({
      unpaid: 'unpaid',
      pending: 'paid',
      packed: 'paid',
      ready_to_ship: 'paid',
      shipped: 'shipped',
      failed_delivery: 'paid',
      shipped_back: 'paid',
      returned: 'paid',
      lost: 'paid',
      canceled: 'cancelled',
      delivered: 'completed',
      confirmed: 'completed',
      something_new: 'unpaid',
    });
  });

  it('judges a partly cancelled order by what is left, and calls it cancelled only when nothing is', () => {
    expect(lazadaOrderState(['canceled'])).toBe('cancelled');
    expect(lazadaOrderState(['canceled', 'pending'])).toBe('paid');
    expect(lazadaOrderState(['canceled', 'delivered'])).toBe('completed');
    expect(lazadaOrderState(['delivered', 'shipped'])).toBe('shipped');
    expect(lazadaOrderState(['shipped', 'packed'])).toBe('paid');
    expect(lazadaOrderState(['unpaid'])).toBe('unpaid');
    expect(lazadaOrderState([])).toBe('unpaid');
  });

  it('counts one unit per item, groups a SKU at one price into one line, and leaves cancelled units out', () => {
    const order = mapLazadaOrder(
      {
        order_id: 491253082180001,
        created_at: '2024-04-09T01:39:51+07:00',
        updated_at: '2024-04-15T07:12:28+07:00',
        statuses: ['pending'],
        customer_first_name: 'Nguyễn Văn',
        customer_last_name: 'An ',
        price: '555000.00',
      },
      [
        { order_item_id: 1, sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', status: 'pending', item_price: '185000.00', paid_price: '170000.00' },
        { order_item_id: 2, sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', status: 'pending', item_price: '185000.00', paid_price: '185000.00' },
        { order_item_id: 3, sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', status: 'canceled', item_price: '185000.00', paid_price: '185000.00' },
        { order_item_id: 4, sku: 'CHE-TC-200', name: 'Chè Tân Cương', status: 'pending', item_price: '119999.6', paid_price: '119999.6' },
      ],
    );
    expect(order).toEqual({
      externalId: '491253082180001',
      platformStatus: 'pending,canceled',
      state: 'paid',
      createdAt: new Date('2024-04-08T18:39:51Z'),
      updatedAt: new Date('2024-04-15T00:12:28Z'),
      buyerName: 'Nguyễn Văn An',
      total: 555000,
      lines: [
        { sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', quantity: 2, unitPrice: 185000 },
        { sku: 'CHE-TC-200', name: 'Chè Tân Cương', quantity: 1, unitPrice: 120000 },
      ],
    });
  });

  it('keeps every line of a wholly cancelled order, so the seller still sees what it was', () => {
    const order = mapLazadaOrder({ order_id: '7', created_at: '2024-01-01T00:00:00+07:00', updated_at: '2024-01-02T00:00:00+07:00', statuses: ['canceled'] }, [
      { sku: 'A', name: 'A', status: 'canceled', item_price: '1000.00' },
      { sku: 'A', name: 'A', status: 'canceled', item_price: '1000.00' },
    ]);
    expect(order).toMatchObject({ state: 'cancelled', buyerName: null, total: 2000, lines: [{ sku: 'A', quantity: 2, unitPrice: 1000 }] });
  });
});
