import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '~/auth/password.server';

describe('password hashing', () => {
  it('verifies the right password against a salted scrypt hash and refuses others', async () => {
    const hash = await hashPassword('a long enough password');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('a long enough password');
    expect(await hashPassword('a long enough password')).not.toBe(hash);
    expect(await verifyPassword('a long enough password', hash)).toBe(true);
    expect(await verifyPassword('a long enough passworD', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });
});
