export enum Role {
  Buyer = 'buyer',
  CoopMember = 'coop_member',
  CoopAdmin = 'coop_admin',
  Official = 'official',
  Admin = 'admin',
  /**
   * Not a role of its own but a permission an official holds beside `official`: they act for the
   * collector (the account behind VIETQR_*) — confirm transfers, import bank statements, record
   * refunds and payouts. Given with `user:create --role official --finance`.
   */
  Finance = 'finance',
}

export const ROLES = Object.values(Role);

/** Who is calling: what the access token says. */
export interface AuthUser {
  id: string;
  email: string;
  roles: Role[];
}
