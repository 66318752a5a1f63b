/**
 * Roles and what each may do. Permissions name capabilities; which objects a permission reaches
 * (own agency, own units, assigned agencies) is decided by the scope rules in access-scope.ts.
 */
export const ROLES = [
  'admin',
  'coordinator',
  'operator',
  'internal_assessor',
  'evaluator',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'account.self', // own password, own API tokens, own profile
  'agency.read', // agency data, levels and results within scope
  'agency.write', // units, applications, policies, reviews of the agency
  'agency.manage', // create agencies, national settings
  'period.manage', // create periods, move stages
  'user.read',
  'user.manage', // create users, change roles, deactivate
  'user.reset_password',
  'evidence.upload',
  'evidence.review_internal',
  'evidence.review',
  'assessment.claim',
  'assessment.submit',
  'assessment.validate',
  'report.read',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  coordinator: [
    'account.self',
    'agency.read',
    'agency.write',
    'user.read',
    'user.manage',
    'evidence.upload',
    'assessment.claim',
    'assessment.submit',
    'report.read',
  ],
  operator: ['account.self', 'agency.read', 'agency.write', 'evidence.upload'],
  internal_assessor: ['account.self', 'agency.read', 'evidence.review_internal', 'report.read'],
  evaluator: ['account.self', 'agency.read', 'evidence.review', 'assessment.validate', 'report.read'],
  leader: ['account.self', 'agency.read', 'report.read'],
};

/** Roles that belong to one agency; admin and evaluator do not, a leader may be national. */
export const AGENCY_ROLES: readonly Role[] = ['coordinator', 'operator', 'internal_assessor', 'leader'];
/** What a coordinator may hand out inside the agency. */
export const COORDINATOR_ASSIGNABLE: readonly Role[] = [
  'coordinator',
  'operator',
  'internal_assessor',
  'leader',
];

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
