import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db/database';
import { TEST_DIALECTS, createTestDatabase, withSchemaDdlLock, type TestDatabase } from '../test/test-app';
import { createDbRateLimiter } from './rate-limit';

describe.each(TEST_DIALECTS)('the database rate limiter on %s', (dialect) => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let now: Date;
  const clock = () => now;
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    handle = createDatabase(testDb.database);
    await withSchemaDdlLock('shared', () => migrateToLatest(handle));
  });
  beforeEach(() => {
    now = new Date('2026-12-15T08:00:00.000Z');
  });
  afterAll(async () => {
    await handle?.db.destroy();
    await testDb?.drop();
  });

  it('counts events in a window and tells how long until it ends', async () => {
    const limiter = createDbRateLimiter(handle.db, clock);
    for (let i = 0; i < 3; i += 1) expect(await limiter.consume('w:a', 3, 60)).toBe(0);
    advance(20);
    expect(await limiter.consume('w:a', 3, 60)).toBe(40);
    expect(await limiter.consume('w:b', 3, 60)).toBe(0);
    advance(41);
    expect(await limiter.consume('w:a', 3, 60)).toBe(0);
  });

  it('never loses a hit when many arrive at once', async () => {
    const limiter = createDbRateLimiter(handle.db, clock);
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.consume('w:burst', 5, 60)));
    expect(results.filter((seconds) => seconds === 0)).toHaveLength(5);
  });

  it('blocks after the threshold, doubles the block, caps it, and forgets on reset', async () => {
    const limiter = createDbRateLimiter(handle.db, clock);
    const policy = { windowSeconds: 900, threshold: 5, blockSeconds: 60, maxBlockSeconds: 900 };
    for (let i = 0; i < 4; i += 1) expect(await limiter.recordFailure('f:a', policy)).toBe(0);
    expect(await limiter.blockedFor('f:a')).toBe(0);
    expect(await limiter.recordFailure('f:a', policy)).toBe(60);
    expect(await limiter.blockedFor('f:a')).toBe(60);
    advance(61);
    expect(await limiter.blockedFor('f:a')).toBe(0);
    const blocks: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      blocks.push(await limiter.recordFailure('f:a', policy));
      advance(1);
    }
    expect(blocks).toEqual([120, 240, 480, 900, 900]);
    await limiter.reset('f:a');
    expect(await limiter.blockedFor('f:a')).toBe(0);
    expect(await limiter.recordFailure('f:a', policy)).toBe(0);
  });

  it('starts counting failures afresh once the window is over', async () => {
    const limiter = createDbRateLimiter(handle.db, clock);
    const policy = { windowSeconds: 900, threshold: 5, blockSeconds: 60, maxBlockSeconds: 900 };
    for (let i = 0; i < 4; i += 1) await limiter.recordFailure('f:slow', policy);
    advance(901);
    expect(await limiter.recordFailure('f:slow', policy)).toBe(0);
  });

  it('is shared by two limiters over the same database (two server processes)', async () => {
    const other = createDatabase(testDb.database);
    try {
      const first = createDbRateLimiter(handle.db, clock);
      const second = createDbRateLimiter(other.db, clock);
      expect(await first.consume('w:shared', 1, 60)).toBe(0);
      expect(await second.consume('w:shared', 1, 60)).toBeGreaterThan(0);
    } finally {
      await other.db.destroy();
    }
  });
});
