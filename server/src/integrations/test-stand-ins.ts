/**
 * For the integration tests only: the stand-ins on an ephemeral port of a bare Fastify, over
 * real HTTP, with a clock the test can move and a few misbehaving routes (slow, garbage).
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerStandIns, standInUrls, type StandInsOptions, type StandInUrls } from '../../../mocks/stand-ins';

export interface RunningStandIns {
  app: FastifyInstance;
  baseUrl: string;
  urls: StandInUrls;
  /** a base URL whose every route answers garbage (`/garbage/...`) */
  garbageUrl: string;
  /** a base URL whose every route never answers (`/slow/...`) */
  slowUrl: string;
  /** move the stand-ins' clock forward */
  advance(ms: number): void;
  post(path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export const STAND_IN_STUDENTS = 200;

export async function startStandIns(options: Partial<Omit<StandInsOptions, 'baseUrl' | 'now'>> = {}): Promise<RunningStandIns> {
  let baseUrl = '';
  let offset = 0;
  const app = Fastify({ logger: false });
  registerStandIns(app, { students: STAND_IN_STUDENTS, ...options, baseUrl: () => baseUrl, now: () => Date.now() + offset });
  const pending = new Set<() => void>();
  app.register(async (scope) => {
    scope.all('/garbage/*', async (_request, reply) => reply.code(200).type('text/plain').send('<html>not what you expected'));
    scope.all('/slow/*', (_request, reply) => {
      const timer = setTimeout(() => void reply.send('late'), 30_000);
      pending.add(() => clearTimeout(timer));
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    baseUrl,
    urls: standInUrls(baseUrl),
    garbageUrl: `${baseUrl}/garbage`,
    slowUrl: `${baseUrl}/slow`,
    advance: (ms) => {
      offset += ms;
    },
    post: (path, body) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    close: async () => {
      for (const cancel of pending) cancel();
      await app.close();
    },
  };
}

/** the error a promise rejects with (fails the test if it resolves) */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** everything an error could leak through: message, stack, JSON, cause chain */
export function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    parts.push(String(current));
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    try {
      parts.push(JSON.stringify(current));
    } catch {
      // circular: the rest is covered
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}
