import { createRecomputeQueue } from './portrait.recompute-queue';

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
  expect(queue.busy()).toBe(true);

  pending[0]!.finish();
  await first;
  await flush();
  expect(run).toHaveBeenCalledTimes(2);
  pending[1]!.finish();
  await second;
  expect(queue.busy()).toBe(false);
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
  expect(queue.busy()).toBe(false);
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
