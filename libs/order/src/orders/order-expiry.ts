import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { QueueService } from '@nongsan/core';
import { OrdersService } from './orders.service.js';

const QUEUE = 'order.expire-unpaid';

/**
 * Every minute, on one worker: unpaid VietQR/card orders past their due time, and cash-on-delivery
 * orders left unconfirmed past COD_CONFIRM_HOURS, are cancelled and their stock released.
 */
@Injectable()
export class OrderExpiry implements OnModuleInit {
  private readonly logger = new Logger(OrderExpiry.name);

  constructor(
    private readonly queue: QueueService,
    private readonly orders: OrdersService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(QUEUE, { retryLimit: 0 });
    this.queue.work(QUEUE, async () => {
      const expired = await this.orders.expireUnpaid();
      if (expired > 0) this.logger.log(`${expired} unpaid orders expired`);
      const unconfirmed = await this.orders.cancelUnconfirmedCod();
      if (unconfirmed > 0) this.logger.log(`${unconfirmed} unconfirmed cash-on-delivery orders cancelled`);
    });
    await this.queue.schedule(QUEUE, '* * * * *');
  }
}
