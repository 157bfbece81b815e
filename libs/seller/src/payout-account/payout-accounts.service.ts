import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, AuditService, type AuthUser } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { Cooperative } from '../cooperatives/cooperative.entities.js';
import { bankByBin } from './banks.js';
import type { PayoutAccountDto, PayoutAccountInput, PayoutAccountViewDto } from './payout-account.dto.js';

/**
 * Where a cooperative's payouts go. Its admins set it; members and officials read it; the
 * collector pays into it (the order context reads it through `of`). Every change is audited, the
 * account before and after, since a changed account is how payouts get diverted.
 */
@Injectable()
export class PayoutAccounts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser, cooperativeId: string): Promise<PayoutAccountViewDto> {
    const { cooperative } = await this.access.require(user, cooperativeId, 'read');
    return { account: accountOf(cooperative) };
  }

  async put(user: AuthUser, cooperativeId: string, input: PayoutAccountInput): Promise<PayoutAccountViewDto> {
    if (!bankByBin(input.bankBin)) throw AppException.validation([{ field: 'bankBin', key: 'validation.bankUnknown' }]);
    return this.db.transaction(async (manager) => {
      const { cooperative } = await this.access.require(user, cooperativeId, 'admin', { manager, lock: true });
      const before = accountOf(cooperative);
      await manager
        .getRepository(Cooperative)
        .update(
          { id: cooperativeId },
          { payoutBankBin: input.bankBin, payoutAccountNumber: input.accountNumber, payoutAccountName: input.accountName, payoutAccountUpdatedAt: new Date() },
        );
      await this.audit.record(
        {
          actor: user,
          action: 'cooperative.payout_account',
          entityType: 'cooperative',
          entityId: cooperativeId,
          cooperativeId,
          data: { before: before && { bankBin: before.bankBin, accountNumber: before.accountNumber, accountName: before.accountName }, after: { ...input } },
        },
        manager,
      );
      return { account: accountOf(await manager.getRepository(Cooperative).findOneByOrFail({ id: cooperativeId })) };
    });
  }

  /** The account, for a caller who has checked access (the collector paying the cooperative). */
  async of(cooperativeId: string): Promise<PayoutAccountDto | null> {
    const cooperative = await this.db.getRepository(Cooperative).findOneBy({ id: cooperativeId });
    return cooperative ? accountOf(cooperative) : null;
  }
}

function accountOf(c: Cooperative): PayoutAccountDto | null {
  if (!c.payoutBankBin || !c.payoutAccountNumber || !c.payoutAccountName) return null;
  const bank = bankByBin(c.payoutBankBin) ?? { bin: c.payoutBankBin, code: '', shortName: c.payoutBankBin, name: c.payoutBankBin };
  return {
    bankBin: c.payoutBankBin,
    bank,
    accountNumber: c.payoutAccountNumber,
    accountName: c.payoutAccountName,
    updatedAt: (c.payoutAccountUpdatedAt ?? c.updatedAt).toISOString(),
  };
}
