import { describe, expect, it } from 'vitest';
import { can, canAssignRole, canLogProgressFor, ROLES, type Permission, type Role } from '~/domain/roles';

// DOMAIN.md's table, row by row: the roles that may.
const TABLE: [Permission, Role[]][] = [
  ['read', ['exec', 'em', 'engineer', 'viewer']],
  ['editCandidates', ['exec', 'em']],
  ['decide', ['exec']],
  ['managePartnerships', ['exec', 'em']],
  ['logProgress', ['exec', 'em', 'engineer']],
  ['writeWeeklyUpdate', ['em']],
  ['changeSettings', ['exec']],
  ['manageUsers', ['exec', 'em']],
  ['readAudit', ['exec', 'em']],
  ['ownTokens', ['exec', 'em', 'engineer', 'viewer']],
];

describe('roles', () => {
  it.each(TABLE.flatMap(([permission, allowed]) => ROLES.map((role) => [permission, role, allowed.includes(role)] as const)))(
    '%s for %s is %s',
    (permission, role, expected) => {
      expect(can(role, permission)).toBe(expected);
    },
  );

  it('lets an engineer log progress only for the customers they lead', () => {
    expect(canLogProgressFor({ id: 7, role: 'engineer' }, 7)).toBe(true);
    expect(canLogProgressFor({ id: 7, role: 'engineer' }, 8)).toBe(false);
    expect(canLogProgressFor({ id: 7, role: 'engineer' }, null)).toBe(false);
    expect(canLogProgressFor({ id: 1, role: 'em' }, 8)).toBe(true);
    expect(canLogProgressFor({ id: 1, role: 'viewer' }, 1)).toBe(false);
  });

  it('lets an EM manage users but never make or change an exec', () => {
    expect(canAssignRole('em', 'engineer', 'viewer')).toBe(true);
    expect(canAssignRole('em', 'exec')).toBe(false);
    expect(canAssignRole('em', 'viewer', 'exec')).toBe(false);
    expect(canAssignRole('exec', 'exec', 'viewer')).toBe(true);
    expect(canAssignRole('engineer', 'viewer')).toBe(false);
  });
});
