export const ROLES = ['exec', 'em', 'engineer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A person using the app: who they are and the role that decides what they may do. */
export type SignedInUser = { id: number; email: string; name: string; role: Role };

export const ROLE_LABELS: Record<Role, string> = {
  exec: 'Exec',
  em: 'Engineering manager',
  engineer: 'Lead engineer',
  viewer: 'Viewer',
};

// DOMAIN.md's table of who may do what. `logProgress` for an engineer holds only for the customers they lead.
const PERMISSIONS = {
  read: ['exec', 'em', 'engineer', 'viewer'],
  editCandidates: ['exec', 'em'],
  decide: ['exec'],
  managePartnerships: ['exec', 'em'],
  logProgress: ['exec', 'em', 'engineer'],
  writeWeeklyUpdate: ['em'],
  changeSettings: ['exec'],
  manageUsers: ['exec', 'em'],
  readAudit: ['exec', 'em'],
  manageWebhooks: ['exec', 'em'],
  exportEverything: ['exec', 'em'],
  ownNotifications: ['exec', 'em', 'engineer', 'viewer'],
  ownTokens: ['exec', 'em', 'engineer', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission of DOMAIN.md's table. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Whether a user may log progress, metrics and iARR for a customer with that lead engineer. */
export function canLogProgressFor(user: { id: number; role: Role }, leadEngineerId: number | null): boolean {
  if (!can(user.role, 'logProgress')) return false;
  return user.role !== 'engineer' || leadEngineerId === user.id;
}

/**
 * Whether a user manager may give `role` to someone, or change someone who holds `currentRole`.
 * An EM manages users but may not make or change an exec: that would let an EM grant themselves exec powers.
 */
export function canAssignRole(actorRole: Role, role: Role, currentRole?: Role): boolean {
  if (!can(actorRole, 'manageUsers')) return false;
  if (actorRole === 'exec') return true;
  return role !== 'exec' && currentRole !== 'exec';
}
