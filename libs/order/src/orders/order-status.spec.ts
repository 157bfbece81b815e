import { nextOrderStatus, OrderStatus as S, type OrderAction } from './order-status.js';

describe('order state machine', () => {
  it.each<[S, OrderAction, S]>([
    [S.PendingPayment, 'pay', S.Paid],
    [S.Paid, 'confirm', S.Confirmed],
    [S.Placed, 'confirm', S.Confirmed],
    [S.Confirmed, 'pack', S.Packed],
    [S.Packed, 'ship', S.Shipped],
    [S.Shipped, 'deliver', S.Delivered],
    [S.Delivered, 'complete', S.Completed],
    [S.Placed, 'cancel', S.Cancelled],
    [S.Packed, 'cancel', S.Cancelled],
    [S.Shipped, 'return', S.Returned],
  ])('%s --%s--> %s', (from, action, to) => expect(nextOrderStatus(from, action)).toBe(to));

  it.each<[S, OrderAction]>([
    [S.PendingPayment, 'confirm'],
    [S.Placed, 'pay'],
    [S.Confirmed, 'ship'],
    [S.Shipped, 'cancel'],
    [S.Delivered, 'cancel'],
    [S.Cancelled, 'confirm'],
    [S.Completed, 'deliver'],
    [S.Delivered, 'return'],
    [S.Returned, 'cancel'],
    [S.Returned, 'deliver'],
  ])('refuses %s --%s--> with 409', (from, action) => {
    expect(() => nextOrderStatus(from, action)).toThrow(expect.objectContaining({ status: 409, params: { status: from } }));
  });
});
