/** The services of the micro-app engine, built once per app from its config and database. */
import type { FastifyInstance } from 'fastify';
import { deriveKey } from '../../shared/crypto';
import { createMicroappsService } from '../microapps/microapps.service';
import { createFileSigner } from './file-urls';
import { createWorkflowService } from './workflow.service';

export function createEngineServices(app: FastifyInstance) {
  const signer = createFileSigner(deriveKey(app.config.dataSecret, 'upload-urls'), app.config.publicBaseUrl);
  const workflow = createWorkflowService({ db: app.db, signer, log: app.log });
  const microapps = createMicroappsService({ db: app.db, workflow, signer });
  return { signer, workflow, microapps };
}
