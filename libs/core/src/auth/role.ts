export enum Role {
  Buyer = 'buyer',
  CoopMember = 'coop_member',
  CoopAdmin = 'coop_admin',
  Official = 'official',
  Admin = 'admin',
}

export const ROLES = Object.values(Role);

/** Who is calling: what the access token says. */
export interface AuthUser {
  id: string;
  email: string;
  roles: Role[];
}
