import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, slugify, UsersService, type AuthUser } from '@nongsan/core';
import { CheckoutService } from '@nongsan/order';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, type DemoSeedRun, type DemoSeedStep } from '../demo-step.js';

const COLLECTOR_EMAIL = 'thuho@demo.nongsan.vn';
/** Banks by VietQR BIN, taken in turn: Vietcombank, Agribank, BIDV, VietinBank, MB. */
const BANK_BINS = ['970436', '970405', '970418', '970415', '970422'];
/** Two transfers for the collector's desk: one checkout across two cooperatives, one from a single cooperative (tax codes). */
const CHECKOUTS: Array<{ key: string; items: Array<{ taxCode: string; quantity: number }> }> = [
  {
    key: 'demo-vietqr-1',
    items: [
      { taxCode: '4101587367', quantity: 2 },
      { taxCode: '4101594124', quantity: 1 },
    ],
  },
  { key: 'demo-vietqr-2', items: [{ taxCode: '4101623512', quantity: 3 }] },
];

/**
 * The 'money' demo step, after cooperatives and products: an official who acts for the
 * collector (finance), a payout account for every approved demo cooperative, and VietQR checkouts
 * waiting for their transfer (they expire after ORDER_UNPAID_EXPIRY_MINUTES, as any would).
 */
@Injectable()
export class DemoMoney implements DemoSeedStep {
  readonly name = 'money';
  readonly logins = [{ role: Role.Finance, email: COLLECTOR_EMAIL, password: DEMO_PASSWORD }];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly checkouts: CheckoutService,
  ) {}

  async run(seed: DemoSeedRun): Promise<void> {
    await this.users.upsert({
      email: COLLECTOR_EMAIL,
      passwordHash: await seed.passwordHash(),
      fullName: 'Kế toán thu hộ Sở Công Thương',
      roles: [Role.Official, Role.Finance],
    });
    await this.giveAccounts();
    await this.placeTransfers(seed);
  }

  /** Demo cooperatives without an account get one: a bank in turn, a number from the tax code, the name as banks print it. */
  private async giveAccounts(): Promise<void> {
    const cooperatives = await this.db.query<Array<{ id: string; name: string; tax_code: string }>>(
      `SELECT id, name, tax_code FROM cooperatives WHERE email LIKE '%@demo.nongsan.vn' AND status = 'approved' AND payout_bank_bin IS NULL ORDER BY tax_code`,
    );
    for (const [index, c] of cooperatives.entries()) {
      await this.db.query(
        `UPDATE cooperatives SET payout_bank_bin = $2, payout_account_number = $3, payout_account_name = $4, payout_account_updated_at = now() WHERE id = $1 AND payout_bank_bin IS NULL`,
        [c.id, BANK_BINS[index % BANK_BINS.length], `10${c.tax_code}`, slugify(c.name, 100).replace(/-/g, ' ').toUpperCase()],
      );
    }
  }

  /** Placed as the demo buyer under fixed idempotency keys, so a second run finds the same checkouts. */
  private async placeTransfers(seed: DemoSeedRun): Promise<void> {
    const buyer = await this.users.findActiveByEmail(seed.logins.find((l) => l.role === Role.Buyer)!.email);
    if (!buyer) return;
    const caller: AuthUser = { id: buyer.id, email: buyer.email, roles: [Role.Buyer] };
    for (const checkout of CHECKOUTS) {
      const [placed] = await this.db.query<Array<{ id: string }>>(`SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2`, [
        buyer.id,
        checkout.key,
      ]);
      if (placed) continue;
      const items = [];
      for (const item of checkout.items) {
        const [variant] = await this.db.query<Array<{ id: string }>>(
          `SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = p.cooperative_id
            WHERE c.tax_code = $1 AND c.status = 'approved' AND p.status = 'active' AND v.stock >= $2 ORDER BY v.sku LIMIT 1`,
          [item.taxCode, item.quantity],
        );
        if (variant) items.push({ variantId: variant.id, quantity: item.quantity });
      }
      if (items.length === 0) continue;
      await this.checkouts.checkout(
        caller,
        checkout.key,
        {
          items,
          shippingAddress: { fullName: buyer.fullName, phone: '0905 123 456', addressLine: '12 Nguyễn Huệ', wardCode: '21583' },
          paymentMethod: 'vietqr',
        },
        'vi',
      );
    }
  }
}
