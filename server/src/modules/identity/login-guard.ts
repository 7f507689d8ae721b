/**
 * The rate limits of the login endpoints, in one place:
 * - per client IP, 30 login attempts a minute across every login endpoint — far above what a
 *   person types, low enough that one address cannot spray passwords over many accounts;
 * - per account, growing back-off: 5 failures within 15 minutes block the account's logins for
 *   1 minute, each further failure doubles the block, up to 15 minutes; a success resets it.
 *   (Blocking by account lets a stranger lock someone out for a while — the price of making
 *   guessing one account's password slow; the cap keeps the lock-out short.)
 * - SMS codes: one per number a minute and 5 an hour (each costs money and annoys the owner),
 *   20 an hour per IP; a code allows 5 wrong tries, then it is burned.
 * All counters live in the database (RateLimiter), so they hold across server processes.
 */
import { refuseIfLimited, type BackoffPolicy, type RateLimiter } from '../../shared/rate-limit';

export const LOGIN_LIMITS = {
  /** the default of LOGIN_IP_LIMIT (attempts per minute) */
  perIp: { limit: 30, windowSeconds: 60 },
  perAccount: { windowSeconds: 15 * 60, threshold: 5, blockSeconds: 60, maxBlockSeconds: 15 * 60 } satisfies BackoffPolicy,
  sms: {
    cooldownSeconds: 60,
    perNumberHour: 5,
    perIpHour: 20,
    codeTtlSeconds: 5 * 60,
    maxAttempts: 5,
  },
} as const;

/** whose failures count together: an account's password (login, bind) or a parent's mobile (SMS codes) */
export type AccountKind = 'password' | 'sms';

export function createLoginGuard(limiter: RateLimiter, perIpPerMinute: number = LOGIN_LIMITS.perIp.limit) {
  const accountBucket = (kind: AccountKind, account: string) => `login:account:${kind}:${account.trim().toLowerCase()}`;
  return {
    /** every login attempt from an address counts, whatever its outcome */
    async ip(ip: string): Promise<void> {
      refuseIfLimited(await limiter.consume(`login:ip:${ip}`, perIpPerMinute, LOGIN_LIMITS.perIp.windowSeconds));
    },
    /** refuses while the account is in back-off, before any password is checked */
    async account(kind: AccountKind, account: string): Promise<void> {
      refuseIfLimited(await limiter.blockedFor(accountBucket(kind, account)));
    },
    async failed(kind: AccountKind, account: string): Promise<void> {
      await limiter.recordFailure(accountBucket(kind, account), LOGIN_LIMITS.perAccount);
    },
    async succeeded(kind: AccountKind, account: string): Promise<void> {
      await limiter.reset(accountBucket(kind, account));
    },
    /** SMS sending: per IP, then per number (both applied whether or not the number is known) */
    async smsSend(ip: string, mobile: string): Promise<void> {
      const { sms } = LOGIN_LIMITS;
      refuseIfLimited(await limiter.consume(`sms:ip:${ip}`, sms.perIpHour, 3600));
      refuseIfLimited(await limiter.consume(`sms:number:minute:${mobile}`, 1, sms.cooldownSeconds));
      refuseIfLimited(await limiter.consume(`sms:number:hour:${mobile}`, sms.perNumberHour, 3600));
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;
