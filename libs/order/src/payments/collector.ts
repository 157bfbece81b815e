import { Role, type AuthUser } from '@nongsan/core';

/**
 * The collector is whoever owns the account VietQR transfers go to (VIETQR_*): the platform, not
 * any cooperative. Its people are admins and officials holding the `finance` permission; only they
 * can see that account, so only they confirm money arrived, record refunds and pay cooperatives.
 */
export const isCollector = (user: AuthUser) => user.roles.includes(Role.Admin) || user.roles.includes(Role.Finance);
