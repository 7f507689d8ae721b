import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { createRecomputeQueue, recomputePending, requestRecompute, runPendingRecompute } from './portrait.recompute-queue';

/** A run the test finishes by hand. */
function controllableRuns() {
  const pending: Array<{ finish(): void; fail(error: Error): void }> = [];
  const run = jest.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ finish: resolve, fail: reject });
      }),
  );
  return { run, pending };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('edits during a run fold into one more run after it, which all of them wait for', async () => {
  const { run, pending } = controllableRuns();
  const queue = createRecomputeQueue(run, () => undefined);
  const first = queue.request();
  expect(run).toHaveBeenCalledTimes(1);
  const second = queue.request();
  const third = queue.request();
  expect(second).toBe(third);
  expect(run).toHaveBeenCalledTimes(1); // never two at once

  pending[0]!.finish();
  await first;
  await flush();
  expect(run).toHaveBeenCalledTimes(2);
  pending[1]!.finish();
  await second;
  await queue.idle();
  expect(run).toHaveBeenCalledTimes(2);
});

test('a failed run is reported and the next request runs again', async () => {
  const { run, pending } = controllableRuns();
  const errors: unknown[] = [];
  const queue = createRecomputeQueue(run, (error) => errors.push(error));
  const failed = queue.request();
  pending[0]!.fail(new Error('disk full'));
  await expect(failed).resolves.toBeUndefined();
  expect(errors).toEqual([new Error('disk full')]);
  const again = queue.request();
  expect(run).toHaveBeenCalledTimes(2);
  pending[1]!.finish();
  await again;
});

test('idle waits for the queued run too', async () => {
  const { run, pending } = controllableRuns();
  const queue = createRecomputeQueue(run, () => undefined);
  void queue.request();
  void queue.request();
  let idle = false;
  const waiting = queue.idle().then(() => (idle = true));
  pending[0]!.finish();
  await flush();
  expect(idle).toBe(false);
  pending[1]!.finish();
  await waiting;
  expect(idle).toBe(true);
});

describe.each(TEST_DIALECTS)('the recompute lease on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  const row = () => t.app.db.selectFrom('portrait_recompute').selectAll().where('id', '=', 'rules').executeTakeFirstOrThrow();

  it('runs a requested recompute once, in one process, and covers edits that came in meanwhile', async () => {
    expect(await runPendingRecompute(t.app.db, jest.fn(), { owner: 'a' })).toBe('idle');
    await requestRecompute(t.app.db);
    expect(await recomputePending(t.app.db)).toBe(true);
    let editedDuringRun = false;
    const run = jest.fn(async () => {
      // another edit lands while the first run is going: one more run covers it
      if (!editedDuringRun) {
        editedDuringRun = true;
        await requestRecompute(t.app.db);
        // meanwhile a second process finds the work claimed
        expect(await runPendingRecompute(t.app.db, jest.fn(), { owner: 'b' })).toBe('busy');
      }
    });
    expect(await runPendingRecompute(t.app.db, run, { owner: 'a' })).toBe('done');
    expect(run).toHaveBeenCalledTimes(2);
    expect(await recomputePending(t.app.db)).toBe(false);
    expect(await row()).toMatchObject({ lease_owner: null, lease_until: null });
    expect(Number((await row()).done_version)).toBe(Number((await row()).requested_version));
  });

  it('takes over the work of a process that died mid-run once its lease has run out', async () => {
    await requestRecompute(t.app.db);
    const dying = runPendingRecompute(t.app.db, () => new Promise(() => undefined), { owner: 'dead', leaseMs: 60_000 });
    void dying; // never settles: the process "died" holding the lease
    await new Promise((resolve) => setTimeout(resolve, 50));
    const run = jest.fn(async () => undefined);
    expect(await runPendingRecompute(t.app.db, run, { owner: 'alive' })).toBe('busy');
    expect(run).not.toHaveBeenCalled();
    const later = () => new Date(Date.now() + 61_000);
    expect(await runPendingRecompute(t.app.db, run, { owner: 'alive', now: later })).toBe('done');
    expect(run).toHaveBeenCalledTimes(1);
    expect(await recomputePending(t.app.db)).toBe(false);
  });

  it('gives the lease back when a run fails, so the next check tries again', async () => {
    await requestRecompute(t.app.db);
    await expect(runPendingRecompute(t.app.db, async () => Promise.reject(new Error('disk full')), { owner: 'a' })).rejects.toThrow('disk full');
    expect(await row()).toMatchObject({ lease_owner: null });
    expect(await recomputePending(t.app.db)).toBe(true);
    expect(await runPendingRecompute(t.app.db, jest.fn(), { owner: 'b' })).toBe('done');
  });
});
