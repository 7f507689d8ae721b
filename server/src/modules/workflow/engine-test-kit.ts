/**
 * Helpers the engine's tests share: sign in as the demo accounts, upload a file through the
 * multipart endpoint, submit and act through the API.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import type { FileValue, RequestDetail, TaskBoxPage, UploadedFile } from '../../../../types/microapp';
import type { Role } from '../../../../types/roles';
import { bearer, login, type TestApp } from '../../test/test-app';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function multipart(fields: { name: string; filename: string; type: string; data: Buffer }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----campus${randomUUID().replace(/-/g, '')}`;
  const parts = fields.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface Actor {
  token: string;
  id: string;
}

export class EngineClient {
  readonly actors = new Map<string, Actor>();
  constructor(readonly t: TestApp) {}

  async as(role: Role): Promise<Actor> {
    const cached = this.actors.get(role);
    if (cached) return cached;
    const account = demoAccount(role);
    const result = await login(this.t.app, account.username, account.password);
    const actor = { token: result.accessToken, id: result.user.id };
    this.actors.set(role, actor);
    return actor;
  }

  async call(actor: Actor | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    return this.t.app.inject({ method, url, ...(actor ? { headers: bearer(actor.token) } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  }

  async upload(actor: Actor, data = PNG, type = 'image/png', filename = 'photo.png'): Promise<FileValue> {
    const body = multipart([{ name: 'file', filename, type, data }]);
    const response = await this.t.app.inject({ method: 'POST', url: '/api/uploads', payload: body.payload, headers: { ...bearer(actor.token), ...body.headers } });
    if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
    const file = response.json<UploadedFile>();
    return { id: file.id, name: file.name, size: file.size, mime: file.mime };
  }

  async submit(actor: Actor, key: string, values: Record<string, unknown>, idempotencyKey: string = randomUUID()): Promise<RequestDetail> {
    const response = await this.call(actor, 'POST', `/api/microapps/${key}/requests`, { idempotencyKey, values });
    if (response.statusCode !== 201) throw new Error(`submit failed: ${response.statusCode} ${response.body}`);
    return response.json<RequestDetail>();
  }

  async detail(actor: Actor, requestId: string): Promise<RequestDetail> {
    const response = await this.call(actor, 'GET', `/api/workflow/requests/${requestId}`);
    if (response.statusCode !== 200) throw new Error(`detail failed: ${response.statusCode} ${response.body}`);
    return response.json<RequestDetail>();
  }

  /** The actor's open task on the request (throws when there is none). */
  async taskOn(actor: Actor, requestId: string): Promise<string> {
    const detail = await this.detail(actor, requestId);
    const task = detail.myTasks[0]?.task;
    if (!task) throw new Error(`no open task for ${actor.id} on ${requestId}: ${JSON.stringify(detail.currentNodes)}`);
    return task.id;
  }

  act(actor: Actor, taskId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
    return this.call(actor, 'POST', `/api/workflow/tasks/${taskId}/actions`, body);
  }

  async box(actor: Actor, box: 'todo' | 'done' | 'mine' | 'cc'): Promise<TaskBoxPage> {
    const response = await this.call(actor, 'GET', `/api/workflow/tasks?box=${box}`);
    if (response.statusCode !== 200) throw new Error(`box failed: ${response.statusCode} ${response.body}`);
    return response.json<TaskBoxPage>();
  }
}
