import { SERVICES } from '../../../../mocks/campus/catalog';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { seedShippedDefinitions, shippedDefinitions } from './microapps.repository';

describe('shipped micro-apps', () => {
  it('each is opened from the catalog by a microapp entry whose target is its key', () => {
    for (const definition of shippedDefinitions()) {
      expect(definition.publish.services?.length).toBeGreaterThan(0);
      for (const id of definition.publish.services ?? []) {
        expect(SERVICES.find((s) => s.id === id)).toEqual(expect.objectContaining({ kind: 'microapp', target: definition.key }));
      }
    }
  });
});

describe.each(TEST_DIALECTS)('seeding the shipped definitions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const versions = (key: string) =>
    t.app.db.selectFrom('microapp_versions').select(['version', 'status', 'created_by']).where('app_key', '=', key).orderBy('version').execute();

  it('seeds version 1 once, even from several processes starting together', async () => {
    const again = await Promise.all([seedShippedDefinitions(t.app.db, new Date()), seedShippedDefinitions(t.app.db, new Date())]);
    expect(again).toEqual([[], []]);
    expect(await versions('repair')).toEqual([{ version: 1, status: 'published', created_by: null }]);
  });

  it('publishes a changed shipped file as the next version, but never over an admin’s version', async () => {
    // as if the file had changed since: the stored v1 differs from it
    await t.app.db.updateTable('microapp_versions').set({ definition: '{"old":true}' }).where('app_key', '=', 'repair').execute();
    const seeded = await Promise.all([seedShippedDefinitions(t.app.db, new Date()), seedShippedDefinitions(t.app.db, new Date())]);
    expect(seeded.flat()).toEqual(['repair@2']);
    expect(await versions('repair')).toEqual([
      { version: 1, status: 'superseded', created_by: null },
      { version: 2, status: 'published', created_by: null },
    ]);
    await t.app.db.updateTable('microapp_versions').set({ created_by: 'admin', definition: '{"edited":true}' }).where('app_key', '=', 'repair').where('version', '=', 2).execute();
    expect(await seedShippedDefinitions(t.app.db, new Date())).toEqual([]);
  });
});
