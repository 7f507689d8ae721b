/**
 * A demo campus above the foreground limit seeds its facts in the background: the server is ready
 * before the facts exist, and the first portrait request waits for them instead of answering empty.
 */
import { DEMO_PASSWORD, demoAccount } from '../../../../mocks/campus/demo-accounts';
import type { StudentPortrait } from '../../../../types/portrait';
import { bearer, createTestApp, login, type TestApp } from '../../test/test-app';
import { countFacts } from './datacenter.repository';

describe('background demo seeding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { config: { seedStudents: 600 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is not done when the app is ready, and a portrait request waits for it', async () => {
    // the app never listens here, so nothing has started the seed yet
    expect(await countFacts(t.app.db, 'grades')).toBe(0);
    const session = await login(t.app, demoAccount('student').username, DEMO_PASSWORD);
    const response = await t.app.inject({ method: 'GET', url: `/api/portrait/students/${session.user.id}`, headers: bearer(session.accessToken) });
    expect(response.statusCode).toBe(200);
    const portrait = response.json<StudentPortrait>();
    expect(portrait.summary?.cumulativeGpa).toEqual(expect.any(Number));
    expect(portrait.radar).toHaveLength(6);
    expect(await countFacts(t.app.db, 'grades')).toBeGreaterThan(1000);
  });
});
