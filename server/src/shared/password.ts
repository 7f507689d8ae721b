/**
 * Password hashing with scrypt from node:crypto (no native add-on to build), stored in a
 * self-describing `scrypt$N$r$p$salt$hash` string so the cost can be raised later without
 * invalidating existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// bounds for parameters read back from storage, so a corrupted row cannot ask for gigabytes
const MAX_N = 1 << 20;
const MAX_RP = 16;

function derive(
  password: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
  keyLength = KEY_LENGTH,
): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, salt: Buffer = randomBytes(SALT_LENGTH)): Promise<string> {
  const { N, r, p } = DEFAULT_COST;
  const key = await derive(password, salt, DEFAULT_COST);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_RP) || !(p >= 1 && p <= MAX_RP)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || key.length < 16 || key.length > 128) return undefined;
  return { cost: { N, r, p }, salt, key };
}

/** A hash of nothing anybody knows, verified against when the account does not exist. */
let decoy: Promise<string> | undefined;
const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(24).toString('base64')));

/**
 * Constant-time check. With no stored hash it still spends one scrypt, so an unknown username
 * takes as long as a wrong password and the timing says nothing about which accounts exist.
 */
export async function verifyPassword(password: string, stored: string | undefined | null): Promise<boolean> {
  const parsed = parse(stored ?? (await decoyHash()));
  if (!parsed) {
    await derive(password, Buffer.alloc(SALT_LENGTH), DEFAULT_COST);
    return false;
  }
  const candidate = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  const matches = candidate.length === parsed.key.length && timingSafeEqual(candidate, parsed.key);
  return matches && stored != null;
}
