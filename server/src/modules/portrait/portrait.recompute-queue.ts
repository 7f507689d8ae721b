/**
 * Full recomputes asked for by rule edits run in the background, one at a time: an edit answers
 * as soon as its rule is stored (a full recompute of 40,000 students takes 20–40 s, far longer
 * than a request should), and several edits during one run are folded into a single next run
 * that sees all of them. A failed run is logged and the queue goes on.
 */
export interface RecomputeQueue {
  /** Asks for a run that starts after this call; resolves when that run has finished. */
  request(): Promise<void>;
  /** True while a run is in progress or waiting. */
  busy(): boolean;
  /** Resolves once nothing is running or waiting (tests; shutdown). */
  idle(): Promise<void>;
}

export function createRecomputeQueue(run: () => Promise<unknown>, onError: (error: unknown) => void): RecomputeQueue {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  function start(): Promise<void> {
    const running: Promise<void> = run()
      .then(
        () => undefined,
        (error: unknown) => {
          onError(error);
        },
      )
      .finally(() => {
        if (current === running) current = null;
      });
    current = running;
    return running;
  }

  return {
    request() {
      if (!current) return start();
      // the run in progress may have read the rules before this edit: one more run after it
      next ??= current.then(() => {
        next = null;
        return start();
      });
      return next;
    },
    busy: () => current !== null || next !== null,
    async idle() {
      while (next ?? current) await (next ?? current);
    },
  };
}
