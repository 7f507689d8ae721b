import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores a self-describing scrypt hash with a per-call salt', async () => {
    const first = await hashPassword('campus123');
    const second = await hashPassword('campus123');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('campus123');
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('campus123');
    await expect(verifyPassword('campus123', stored)).resolves.toBe(true);
    await expect(verifyPassword('campus124', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('verifies hashes made with other costs', async () => {
    const stored = await hashPassword('campus123');
    const [, , , , salt] = stored.split('$');
    const cheaper = (await import('node:crypto')).scryptSync('campus123', Buffer.from(salt!, 'base64'), 32, { N: 1024, r: 8, p: 1 });
    await expect(verifyPassword('campus123', `scrypt$1024$8$1$${salt}$${cheaper.toString('base64')}`)).resolves.toBe(true);
  });

  it.each([
    ['no hash at all', undefined],
    ['null', null],
    ['a different scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5'],
    ['an absurd cost', 'scrypt$1073741824$8$1$c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5'],
    ['garbage', 'scrypt$$$$$'],
  ])('refuses %s without throwing', async (_label, stored) => {
    await expect(verifyPassword('campus123', stored)).resolves.toBe(false);
  });
});
