/**
 * Micro-app definitions as the caller may use them, submissions, the admin's versioning, the
 * campus-location and person pickers, uploads and the dispatcher's statistics.
 */
import type {
  AdminVersion,
  AppStats,
  DefinitionResponse,
  FormValues,
  LocationBuildingList,
  LocationRoomList,
  MicroAppDefinition,
  MicroAppList,
  PersonPickList,
  RequestDetail,
  SubmitBody,
  UploadedFile,
  ValidateResponse,
} from '../../../../types/microapp';
import type { Platform, Role } from '../../../../types/roles';
import { ROLES } from '../../../../types/roles';
import { fieldMap, startNode, validateDefinition, validateForm } from '../../../../src/lowcode/core';
import { toDate } from '../../db/schema';
import { hasRole, requireAuth, requireRole, type AuthContext } from '../../shared/access';
import { AppError, forbidden, notFound } from '../../shared/errors';
import { createDbRateLimiter, refuseIfLimited } from '../../shared/rate-limit';
import type { FileSigner } from '../workflow/file-urls';
import { resolveReferences } from '../workflow/references';
import { submitRequest } from '../workflow/workflow.engine';
import { latestPublished, loadApplicant, loadVersion, publicApplicant, type Db } from '../workflow/workflow.repository';
import { groupLabel, validationFailed, type WorkflowService } from '../workflow/workflow.service';
import { listBuildings, listRooms } from './locations';
import { findUploadData, insertDraft, insertUpload, listVersions, publishVersion, type VersionRow } from './microapps.repository';

export interface MicroappsDeps {
  db: Db;
  workflow: WorkflowService;
  signer: FileSigner;
  now?: () => Date;
}

/** Upload limits: images are compressed on the client first, so 5 MB is generous. */
export const UPLOAD_LIMITS = { image: 5 * 1024 * 1024, file: 10 * 1024 * 1024 } as const;
/** uploads per person per 10 minutes: plenty for forms (报修 takes 6 photos), not for filling the disk */
export const UPLOADS_PER_WINDOW = 60;
const FILE_TYPES = ['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

const toAdminVersion = (row: VersionRow): AdminVersion => ({
  key: row.key,
  version: row.version,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  ...(row.publishedAt ? { publishedAt: row.publishedAt.toISOString() } : {}),
});

export function createMicroappsService(deps: MicroappsDeps) {
  const { db, workflow, signer } = deps;
  const now = deps.now ?? (() => new Date());
  const limiter = createDbRateLimiter(db, now);

  const mayUse = (auth: AuthContext, definition: MicroAppDefinition, platform?: Platform): boolean =>
    definition.publish.roles.some((role) => auth.roles.includes(role)) && (!platform || definition.publish.platforms.includes(platform));

  async function latest(key: string): Promise<{ definition: MicroAppDefinition; version: number; publishedAt: Date }> {
    const head = await latestPublished(db, key);
    const definition = head ? await loadVersion(db, key, head.version) : undefined;
    if (!head || !definition) throw notFound('微应用不存在或未发布');
    return { definition, version: head.version, publishedAt: head.publishedAt };
  }

  async function list(auth: AuthContext | null): Promise<MicroAppList> {
    requireAuth(auth);
    const keys = await db.selectFrom('microapp_versions').select('app_key').where('status', '=', 'published').distinct().orderBy('app_key').execute();
    const apps: MicroAppList['apps'] = [];
    for (const { app_key } of keys) {
      const { definition, version } = await latest(app_key);
      if (!mayUse(auth, definition)) continue;
      apps.push({ key: definition.key, name: definition.name, version, ...(definition.description ? { description: definition.description } : {}), ...(definition.icon ? { icon: definition.icon } : {}) });
    }
    return { apps };
  }

  async function applicantOf(auth: AuthContext) {
    const applicant = await loadApplicant(db, auth.personId);
    if (!applicant) throw forbidden();
    return applicant;
  }

  async function get(auth: AuthContext | null, key: string, version?: number): Promise<DefinitionResponse> {
    requireAuth(auth);
    let found: { definition: MicroAppDefinition; version: number; publishedAt: Date };
    if (version === undefined) found = await latest(key);
    else {
      const definition = await loadVersion(db, key, version);
      const row = await db.selectFrom('microapp_versions').select('published_at').where('app_key', '=', key).where('version', '=', version).executeTakeFirst();
      if (!definition || !row?.published_at) throw notFound('该版本不存在或未发布');
      found = { definition, version, publishedAt: toDate(row.published_at) };
    }
    // a superseded version stays readable to those who may use the app (their requests render with it)
    if (!mayUse(auth, found.definition) && !hasRole(auth, 'admin')) throw forbidden('您不能使用此微应用');
    const applicant = await applicantOf(auth);
    return { key, version: found.version, publishedAt: found.publishedAt.toISOString(), definition: found.definition, applicant: publicApplicant(applicant) };
  }

  async function submit(auth: AuthContext | null, key: string, body: SubmitBody): Promise<{ created: boolean; detail: RequestDetail }> {
    requireAuth(auth);
    // a retried submit answers with the request the first attempt made, before any other check
    const existing = await db.selectFrom('workflow_requests').select(['id', 'app_key']).where('applicant_id', '=', auth.personId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (existing) {
      if (existing.app_key !== key) throw new AppError(409, 'CONFLICT', '该提交编号已用于其他申请');
      return { created: false, detail: await workflow.detail(auth, existing.id) };
    }
    const head = await latest(key);
    let definition = head.definition;
    let version = head.version;
    if (body.version !== undefined && body.version !== head.version) {
      // the form was rendered from an older version: accepted only if it was published
      const older = await loadVersion(db, key, body.version);
      if (!older) throw new AppError(409, 'CONFLICT', '表单版本已失效，请刷新后重新填写');
      definition = older;
      version = body.version;
    }
    if (!mayUse(auth, definition)) throw forbidden('您不能使用此微应用');
    const applicant = await applicantOf(auth);
    const checked = validateForm(definition, startNode(definition).form, body.values, { applicant: publicApplicant(applicant) });
    if (checked.errors.length > 0) throw validationFailed(checked.errors);
    const resolved = await resolveReferences(db, fieldMap(definition), checked.values, auth.personId);
    if (resolved.errors.length > 0) throw validationFailed(resolved.errors);
    const result = await submitRequest(db, { definition, version, applicant, idempotencyKey: body.idempotencyKey, values: resolved.values as FormValues, now: now() });
    return { created: result.created, detail: await workflow.detail(auth, result.id) };
  }

  function validate(auth: AuthContext | null, doc: unknown): ValidateResponse {
    requireRole(auth, 'admin');
    const issues = validateDefinition(doc);
    return { ok: issues.length === 0, issues };
  }

  async function createVersion(auth: AuthContext | null, doc: unknown): Promise<AdminVersion> {
    requireRole(auth, 'admin');
    const issues = validateDefinition(doc);
    if (issues.length > 0) throw new AppError(400, 'VALIDATION_FAILED', `定义有 ${issues.length} 处错误：${issues[0].field} ${issues[0].message}`, issues);
    return toAdminVersion(await insertDraft(db, doc as MicroAppDefinition, auth.personId, now()));
  }

  async function publish(auth: AuthContext | null, key: string, version: number): Promise<AdminVersion> {
    requireRole(auth, 'admin');
    const result = await publishVersion(db, key, version, now());
    if (result === 'missing') throw notFound('该版本不存在');
    if (result === 'not-draft') throw new AppError(409, 'CONFLICT', '该版本已发布过，不能重复发布');
    return toAdminVersion(result);
  }

  async function versions(auth: AuthContext | null, key: string): Promise<{ versions: AdminVersion[] }> {
    requireRole(auth, 'admin');
    return { versions: (await listVersions(db, key)).map(toAdminVersion) };
  }

  async function buildings(auth: AuthContext | null, scope?: 'dorm' | 'teaching'): Promise<LocationBuildingList> {
    requireAuth(auth);
    return { buildings: await listBuildings(db, scope) };
  }

  async function rooms(auth: AuthContext | null, buildingId: string): Promise<LocationRoomList> {
    requireAuth(auth);
    const list = await listRooms(db, buildingId);
    if (!list) throw notFound('楼栋不存在');
    return { rooms: list };
  }

  /** Staff only, and only what a picker shows: name, department, title. Students are never listed. */
  async function people(auth: AuthContext | null, q?: string, role?: string): Promise<PersonPickList> {
    requireAuth(auth);
    if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
      throw validationFailed([{ field: '/role', message: '未知角色' }]);
    }
    let query = db
      .selectFrom('people')
      .select(['people.id', 'people.name', 'people.department', 'people.title'])
      .where('people.kind', '=', 'staff')
      .where('people.status', '=', 'active');
    if (role) query = query.where((eb) => eb.exists(eb.selectFrom('person_roles').select('person_id').whereRef('person_roles.person_id', '=', 'people.id').where('person_roles.role', '=', role as Role)));
    const text = q?.trim();
    if (text) query = query.where((eb) => eb.or([eb('people.name', 'like', `%${text}%`), eb('people.number', '=', text)]));
    const rows = await query.orderBy('people.number').limit(30).execute();
    return { people: rows.map((r) => ({ id: r.id, name: r.name, ...(r.department ? { department: r.department } : {}), ...(r.title ? { title: r.title } : {}) })) };
  }

  /** Before the body is read: signed in, and within the person's upload allowance. */
  async function allowUpload(auth: AuthContext | null): Promise<void> {
    requireAuth(auth);
    refuseIfLimited(await limiter.consume(`upload:${auth.personId}`, UPLOADS_PER_WINDOW, 600));
  }

  async function upload(auth: AuthContext | null, file: { filename: string; mimetype: string; data: Buffer }): Promise<UploadedFile> {
    requireAuth(auth);
    const mime = file.mimetype.toLowerCase();
    const isImage = IMAGE_TYPES.includes(mime);
    if (!isImage && !FILE_TYPES.includes(mime)) throw new AppError(400, 'VALIDATION_FAILED', '不支持的文件类型', [{ field: '/file', message: '只能上传图片、PDF、Office 文档或文本文件' }]);
    const limit = isImage ? UPLOAD_LIMITS.image : UPLOAD_LIMITS.file;
    if (file.data.length > limit) throw new AppError(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${limit / 1024 / 1024} MB`);
    if (file.data.length === 0) throw new AppError(400, 'VALIDATION_FAILED', '文件是空的', [{ field: '/file', message: '文件是空的' }]);
    const name = [...file.filename].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 100) || 'file';
    const at = now();
    const row = await insertUpload(db, auth.personId, { name, mime, data: file.data }, at);
    return { ...row, url: signer.url(row.id, at) };
  }

  /**
   * Fresh signed links for the caller's own uploads (a draft kept overnight holds links that have
   * expired). Ids that are not theirs, or not uploads at all, are left out rather than refused, so
   * the answer says nothing about other people's files.
   */
  async function freshUrls(auth: AuthContext | null, ids: string[]): Promise<{ files: { id: string; url: string }[] }> {
    requireAuth(auth);
    const rows = await db.selectFrom('uploads').select('id').where('id', 'in', ids).where('owner_id', '=', auth.personId).execute();
    const at = now();
    const mine = new Set(rows.map((row) => row.id));
    return { files: ids.filter((id) => mine.has(id)).map((id) => ({ id, url: signer.url(id, at) })) };
  }

  async function content(id: string, exp: number, sig: string): Promise<{ mime: string; name: string; data: Buffer }> {
    if (!signer.verify(id, exp, sig, now())) throw forbidden('链接已过期，请刷新页面');
    const row = await findUploadData(db, id);
    if (!row) throw notFound('文件不存在');
    return { mime: row.mime, name: row.name, data: Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data) };
  }

  async function stats(auth: AuthContext | null, key: string): Promise<AppStats> {
    requireRole(auth, 'dispatcher', 'admin');
    const { definition } = await latest(key);
    const at = now();
    const requests = await db.selectFrom('workflow_requests').select(['id', 'status', 'values', 'node_values', 'created_at', 'completed_at']).where('app_key', '=', key).execute();
    const overdueTasks = await db
      .selectFrom('workflow_tasks')
      .innerJoin('workflow_requests', 'workflow_requests.id', 'workflow_tasks.request_id')
      .select(['workflow_tasks.request_id', 'workflow_tasks.overdue', 'workflow_tasks.due_at'])
      .where('workflow_requests.app_key', '=', key)
      .where('workflow_tasks.status', '=', 'open')
      .execute();
    const overdueIds = new Set(overdueTasks.filter((t) => t.overdue === 1 || (t.due_at !== null && toDate(t.due_at) < at)).map((t) => t.request_id));
    const fields = fieldMap(definition);
    const groupBy = definition.presentation?.statsGroupBy ?? [];
    const ratingField = definition.presentation?.ratingField;
    const groups = new Map<string, { field: string; value: string; open: number; overdue: number }>();
    let open = 0;
    let completed = 0;
    let hours = 0;
    let ratings = 0;
    let ratingSum = 0;
    for (const r of requests) {
      const values = JSON.parse(r.values) as FormValues;
      const nodeValues = JSON.parse(r.node_values) as Record<string, FormValues>;
      if (r.status === 'completed' && r.completed_at) {
        completed += 1;
        hours += (toDate(r.completed_at).getTime() - toDate(r.created_at).getTime()) / 3_600_000;
        const rating = ratingField ? Object.values(nodeValues).map((v) => v[ratingField]).find((v) => typeof v === 'number') : undefined;
        if (typeof rating === 'number') {
          ratings += 1;
          ratingSum += rating;
        }
      }
      if (r.status !== 'running') continue;
      open += 1;
      for (const key of groupBy) {
        const label = groupLabel(fields.get(key), values[key]);
        if (!label) continue;
        const id = `${key}:${label}`;
        const group = groups.get(id) ?? { field: key, value: label, open: 0, overdue: 0 };
        group.open += 1;
        if (overdueIds.has(r.id)) group.overdue += 1;
        groups.set(id, group);
      }
    }
    return {
      open,
      overdue: requests.filter((r) => r.status === 'running' && overdueIds.has(r.id)).length,
      completed,
      ...(completed > 0 ? { averageHoursToComplete: Math.round((hours / completed) * 10) / 10 } : {}),
      ...(ratings > 0 ? { averageRating: Math.round((ratingSum / ratings) * 100) / 100 } : {}),
      groups: [...groups.values()].sort((a, b) => b.open - a.open || a.value.localeCompare(b.value)),
    };
  }

  return { list, get, submit, validate, createVersion, publish, versions, buildings, rooms, people, allowUpload, upload, freshUrls, content, stats };
}
