/** The roles of the product; a user holds one or more. */
export const ROLES = [
  'admin',
  'aims-manager',
  'contributor',
  'top-management',
  'internal-auditor',
  'external-auditor',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles whose holders may only read. */
export const READ_ONLY_ROLES: readonly Role[] = ['external-auditor'];
