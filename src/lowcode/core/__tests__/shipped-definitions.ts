// The shipped definitions live with the server (it seeds them); read as files so the client
// side does not import server code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MicroAppDefinition } from '../../../../types/microapp';

const DIR = join(__dirname, '../../../../server/src/modules/microapps/definitions');

export const loadShipped = (key: string): MicroAppDefinition =>
  JSON.parse(readFileSync(join(DIR, `${key}.json`), 'utf8')) as MicroAppDefinition;
