import { builtInForms } from '@aimsflow/forms';
import { builtInWorkflows } from '@aimsflow/workflows';
import { createHash } from 'node:crypto';
import { BuiltInWorkflows } from '../workflow/built-in-workflows.service';
import { DefinitionsService } from '../workflow/definitions.service';
import { FORM_BINDING } from '../workflow/form-binding';
import { ProcessRuntime } from '../workflow/process-runtime';
import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { BuiltInForms } from './built-in-forms.service';
import { FormRegistry } from './form-registry.service';

const schemaV1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    score: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['name'],
};
const schemaV2 = {
  ...schemaV1,
  properties: { ...schemaV1.properties, owner: { type: 'string', minLength: 1 } },
  required: ['name', 'owner'],
};
const uiSchema = { 'ui:order': ['name', 'score', '*'] };

/** Records the order in which bootstrap hooks start and finish (set up before the app is created). */
const bootstrapLog: string[] = [];
for (const [name, cls] of [
  ['forms', BuiltInForms],
  ['workflows', BuiltInWorkflows],
] as const) {
  const original = cls.prototype.onApplicationBootstrap;
  jest.spyOn(cls.prototype, 'onApplicationBootstrap').mockImplementation(async function (this: unknown) {
    bootstrapLog.push(`${name}:start`);
    await original.call(this);
    bootstrapLog.push(`${name}:end`);
  });
}

describe('forms API', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let owner: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, manager, owner] = await Promise.all([
      t.login('admin@acme.example'),
      t.login('manager@acme.example'),
      t.login('owner@acme.example'),
    ]);
  });
  afterAll(() => t.close());

  const create = (key: string, schema: object = schemaV1) =>
    admin.post('/api/forms', { key, title: `Form ${key}`, schema, uiSchema });

  describe('built-in forms and the engine binding', () => {
    it('publishes every built-in form as version 1 before the built-in workflows deploy', async () => {
      expect(bootstrapLog).toEqual(['forms:start', 'forms:end', 'workflows:start', 'workflows:end']);
      for (const form of builtInForms) {
        const versions = await owner.get(`/api/forms/${form.key}/versions`);
        expect(versions.status).toBe(200);
        expect(versions.body.items).toEqual([
          expect.objectContaining({
            version: 1,
            title: form.title,
            changeNote: 'Built-in form',
            publishedBy: null,
          }),
        ]);
      }
    });

    it('deploys every built-in workflow, each of which uses only built-in forms', async () => {
      const formKeys = new Set(builtInForms.map((f) => f.key));
      const missing = builtInWorkflows.flatMap((w) =>
        formsOf(w.machine)
          .filter((k) => !formKeys.has(k))
          .map((k) => `${w.key}: ${k}`),
      );
      expect(missing).toEqual([]);
      const deployed = (await owner.get('/api/workflow-definitions')).body.items.map(
        (d: { key: string }) => d.key,
      );
      expect(deployed).toEqual(
        expect.arrayContaining(['document-approval', ...builtInWorkflows.map((w) => w.key)]),
      );
    });

    it('is idempotent: ensureBuiltIns creates nothing the second time and keeps customised forms', async () => {
      const orgId = await organizationId(t);
      await admin.put('/api/forms/generic-task/draft', { title: 'Customised', schema: schemaV1, uiSchema });
      expect(await t.app.get(BuiltInForms).ensureBuiltIns(orgId)).toEqual([]);
      expect((await admin.get('/api/forms/generic-task')).body.title).toBe('Customised');
    });

    it('is the FORM_BINDING the engine services receive', () => {
      const registry = t.app.get(FormRegistry);
      expect(t.app.get(FORM_BINDING)).toBe(registry);
      expect((t.app.get(ProcessRuntime) as unknown as { forms: unknown }).forms).toBe(registry);
      expect((t.app.get(DefinitionsService) as unknown as { forms: unknown }).forms).toBe(registry);
    });
  });

  describe('drafts and versions', () => {
    it('POST /api/forms creates a draft; publishing makes v1, editing and publishing again makes v2, and v1 is unchanged', async () => {
      const created = await create('supplier-review');
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        key: 'supplier-review',
        latestVersion: null,
        hasDraftChanges: true,
        lockVersion: 1,
      });

      const v1 = await admin.post('/api/forms/supplier-review/publish', { changeNote: 'First version' });
      expect(v1.status).toBe(200);
      expect(v1.body).toEqual({ key: 'supplier-review', version: 1 });
      expect((await admin.get('/api/forms/supplier-review')).body.hasDraftChanges).toBe(false);

      const edited = await admin.put('/api/forms/supplier-review/draft', {
        title: 'Supplier review',
        schema: schemaV2,
        uiSchema,
        baseVersion: 1,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        title: 'Supplier review',
        lockVersion: 2,
        latestVersion: 1,
        hasDraftChanges: true,
      });
      expect(edited.body.draft.updatedBy).toMatchObject({ name: 'Ada Admin' });

      const v2 = await admin.post('/api/forms/supplier-review/publish', { changeNote: 'Asks for the owner' });
      expect(v2.body).toEqual({ key: 'supplier-review', version: 2 });

      const first = await owner.get('/api/forms/supplier-review/versions/1');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        key: 'supplier-review',
        version: 1,
        title: 'Form supplier-review',
        schema: schemaV1,
        changeNote: 'First version',
      });
      const second = await owner.get('/api/forms/supplier-review/versions/2');
      expect(second.body).toMatchObject({ version: 2, title: 'Supplier review', schema: schemaV2 });

      const history = await owner.get('/api/forms/supplier-review/versions');
      expect(history.body.items).toEqual([
        expect.objectContaining({
          version: 2,
          changeNote: 'Asks for the owner',
          publishedBy: expect.objectContaining({ name: 'Ada Admin' }),
        }),
        expect.objectContaining({ version: 1, changeNote: 'First version' }),
      ]);
    });

    it('publishing an unchanged draft is a no-op answering the current version', async () => {
      await create('no-op-form');
      expect((await admin.post('/api/forms/no-op-form/publish', { changeNote: 'one' })).body.version).toBe(1);
      const again = await admin.post('/api/forms/no-op-form/publish', { changeNote: 'again' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ key: 'no-op-form', version: 1 });
      expect((await owner.get('/api/forms/no-op-form/versions')).body.items).toHaveLength(1);
    });

    it('answers 409 to a second form with the same key', async () => {
      await create('twice');
      const res = await create('twice');
      expect(res.status).toBe(409);
      expect(res.body.title).toBe('Conflict');
    });

    it('answers 409 to a draft saved from a stale baseVersion, and keeps the newer draft', async () => {
      await create('contested');
      const first = await admin.put('/api/forms/contested/draft', {
        title: 'Mine',
        schema: schemaV1,
        uiSchema,
        baseVersion: 1,
      });
      expect(first.status).toBe(200);
      const stale = await admin.put('/api/forms/contested/draft', {
        title: 'Theirs',
        schema: schemaV2,
        uiSchema,
        baseVersion: 1,
      });
      expect(stale.status).toBe(409);
      expect((await admin.get('/api/forms/contested')).body.title).toBe('Mine');
    });

    it.each([
      [
        'a catastrophic regex',
        { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } },
        /pattern/,
      ],
      [
        'an external $ref',
        { type: 'object', properties: { a: { $ref: 'https://example.com/x.json' } } },
        /\$ref/,
      ],
      [
        'an unknown format',
        { type: 'object', properties: { a: { type: 'string', format: 'favourite-colour' } } },
        /unknown format/,
      ],
      ['a schema nested too deeply', nest(40), /deeper than/],
    ])('refuses %s with 422 and the reasons in errors', async (_what, schema, reason) => {
      const res = await admin.post('/api/forms', { key: 'bad-schema', title: 'Bad', schema, uiSchema: {} });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ status: 422, title: 'Unprocessable Entity' });
      expect(res.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(reason);
      expect((await admin.get('/api/forms/bad-schema')).status).toBe(404);
    });

    it('refuses a bad schema in a draft edit and in an import too', async () => {
      await create('guarded');
      const bad = { type: 'object', properties: { a: { type: 'string', pattern: '(x+x+)+y' } } };
      expect((await admin.put('/api/forms/guarded/draft', { schema: bad, uiSchema })).status).toBe(422);
      const imported = await admin.post('/api/forms/import', {
        formatVersion: 1,
        key: 'guarded',
        title: 'G',
        schema: bad,
        uiSchema,
      });
      expect(imported.status).toBe(422);
    });

    it('validates bodies: kebab-case key, object schema and uiSchema, no unknown fields', async () => {
      const res = await admin.post('/api/forms', {
        key: 'Not_Kebab',
        title: 'x',
        schema: [],
        uiSchema: 'no',
        extra: 1,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '/extra',
        '/key',
        '/schema',
        '/uiSchema',
      ]);
    });

    it('lists forms with search and keyset pagination', async () => {
      for (const key of ['list-alpha', 'list-beta', 'list-gamma']) await create(key);
      const page1 = await owner.get('/api/forms?search=list-&limit=2');
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((i: { key: string }) => i.key)).toEqual(['list-alpha', 'list-beta']);
      expect(page1.body.items[0]).toEqual({
        key: 'list-alpha',
        title: 'Form list-alpha',
        latestVersion: null,
        hasDraftChanges: true,
        updatedAt: expect.any(String),
      });
      const page2 = await owner.get(`/api/forms?search=list-&limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body).toEqual({
        items: [expect.objectContaining({ key: 'list-gamma' })],
        nextCursor: null,
      });
      const builtIn = (await owner.get('/api/forms?search=generic')).body.items;
      expect(builtIn).toEqual([expect.objectContaining({ key: 'generic-task', latestVersion: 1 })]);
    });
  });

  describe('POST /api/forms/{key}/versions/{version}/validate', () => {
    beforeAll(async () => {
      await create('validated');
      await admin.post('/api/forms/validated/publish', { changeNote: 'v1' });
    });

    it('answers 200 {valid:true} for a good submission', async () => {
      const res = await owner.post('/api/forms/validated/versions/1/validate', {
        data: { name: 'Ada', score: 3 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: true });
    });

    it('answers 422 {valid:false, errors} with exact JSON-pointer paths for a bad one', async () => {
      const res = await owner.post('/api/forms/validated/versions/1/validate', { data: { score: 9 } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        status: 422,
        valid: false,
        errors: expect.arrayContaining([
          { pointer: '/data/name', message: 'Fill in this field.' },
          { pointer: '/data/score', message: 'Enter 5 or less.' },
        ]),
      });
      expect(res.body.errors).toHaveLength(2);
    });

    it('answers 404 for a version that does not exist', async () => {
      expect((await owner.post('/api/forms/validated/versions/7/validate', { data: {} })).status).toBe(404);
    });
  });

  describe('roles and organisations', () => {
    it('a contributor cannot create, edit, publish or read drafts (403) but reads published versions', async () => {
      expect(
        (await owner.post('/api/forms', { key: 'by-owner', title: 'x', schema: schemaV1, uiSchema })).status,
      ).toBe(403);
      expect((await owner.put('/api/forms/generic-task/draft', { schema: schemaV1, uiSchema })).status).toBe(
        403,
      );
      expect((await owner.post('/api/forms/generic-task/publish', { changeNote: 'x' })).status).toBe(403);
      expect((await owner.get('/api/forms/generic-task')).status).toBe(403);
      expect(
        (await manager.post('/api/forms', { key: 'by-manager', title: 'x', schema: schemaV1, uiSchema }))
          .status,
      ).toBe(403);
      expect((await manager.get('/api/forms/generic-task')).status).toBe(200);
      expect((await owner.get('/api/forms/generic-task/versions/1')).status).toBe(200);
    });

    it("another organisation's forms answer 404, and its list does not show them", async () => {
      await create('acme-only');
      await admin.post('/api/forms/acme-only/publish', { changeNote: 'v1' });
      await createOrganization(t.dataSource, 'globex', [{ email: 'admin@globex.example', roles: ['admin'] }]);
      const other = await t.login('admin@globex.example');
      for (const path of ['', '/versions', '/versions/1', '/usage', '/export']) {
        expect((await other.get(`/api/forms/acme-only${path}`)).status).toBe(404);
      }
      expect((await other.post('/api/forms/acme-only/versions/1/validate', { data: {} })).status).toBe(404);
      expect((await other.post('/api/forms/acme-only/publish', { changeNote: 'x' })).status).toBe(404);
      expect((await other.get('/api/forms?search=acme-only')).body.items).toEqual([]);
    });
  });

  describe('usage, import and export', () => {
    it('GET /api/forms/{key}/usage names the states of deployed workflows that use the form', async () => {
      await create('usage-form');
      await admin.post('/api/forms/usage-form/publish', { changeNote: 'v1' });
      const deployed = await admin.post('/api/workflow-definitions', {
        key: 'usage-check',
        name: 'Usage check',
        machine: {
          id: 'usage-check',
          initial: 'outer',
          states: {
            outer: {
              initial: 'fill',
              states: {
                fill: {
                  meta: { task: { form: 'usage-form', candidateRole: 'contributor' } },
                  on: { SUBMIT: 'done' },
                },
                done: { type: 'final' },
              },
              onDone: 'end',
            },
            end: { type: 'final' },
          },
        },
      });
      expect(deployed.status).toBe(201);
      const res = await owner.get('/api/forms/usage-form/usage');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { definitionKey: 'usage-check', version: 1, stateId: 'usage-check.outer.fill' },
      ]);
      expect((await owner.get('/api/forms/no-op-form/usage')).body.items).toEqual([]);
    });

    it('exports a form as a JSON file and imports it back (new form, then replacing the draft)', async () => {
      await create('exported');
      const file = await admin.get('/api/forms/exported/export');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="exported.form.json"');
      expect(file.body).toEqual({
        formatVersion: 1,
        key: 'exported',
        title: 'Form exported',
        description: '',
        schema: schemaV1,
        uiSchema,
      });

      const asNew = await admin.post('/api/forms/import', { ...file.body, key: 'imported' });
      expect(asNew.status).toBe(200);
      expect(asNew.body).toMatchObject({ created: true, form: { key: 'imported', latestVersion: null } });
      const roundTrip = await admin.get('/api/forms/imported/export');
      expect(roundTrip.body).toEqual({ ...file.body, key: 'imported' });

      const replaced = await admin.post('/api/forms/import', {
        ...file.body,
        key: 'imported',
        title: 'Imported again',
        schema: schemaV2,
      });
      expect(replaced.body).toMatchObject({
        created: false,
        form: { title: 'Imported again', lockVersion: 2 },
      });
      expect((await admin.post('/api/forms/import', { ...file.body, formatVersion: 2 })).status).toBe(400);
    });
  });

  describe('tasks pin the published version', () => {
    it('completion validates against the version the task opened with, even after a newer one is published', async () => {
      await create('pinned-form');
      await admin.post('/api/forms/pinned-form/publish', { changeNote: 'v1' });
      const deployed = await admin.post('/api/workflow-definitions', {
        key: 'pin-check',
        name: 'Pin check',
        machine: {
          id: 'pin-check',
          initial: 'fill',
          states: {
            fill: {
              meta: { task: { form: 'pinned-form', candidateRole: 'contributor' } },
              on: { SUBMIT: 'done' },
            },
            done: { type: 'final' },
          },
        },
      });
      expect(deployed.status).toBe(201);

      const taskIds: string[] = [];
      for (let i = 0; i < 2; i++) {
        const started = await manager.post('/api/process-instances', { definitionKey: 'pin-check' });
        expect(started.status).toBe(201);
        const [task] = await t.dataSource.query('SELECT id, form_version FROM tasks WHERE instance_id = $1', [
          started.body.id,
        ]);
        expect(task.form_version).toBe(1);
        expect((await owner.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
        taskIds.push(task.id);
      }

      await admin.put('/api/forms/pinned-form/draft', { schema: schemaV2, uiSchema });
      expect(
        (await admin.post('/api/forms/pinned-form/publish', { changeNote: 'owner required' })).body.version,
      ).toBe(2);

      const invalid = await owner.post(`/api/tasks/${taskIds[0]}/complete`, { data: { score: 2 } });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors).toEqual([{ pointer: '/data/name', message: expect.any(String) }]);

      const valid = await owner.post(`/api/tasks/${taskIds[1]}/complete`, {
        data: { name: 'Only v1 fields' },
      });
      expect(valid.status).toBe(200);

      // A task opened now pins v2 and needs the new field.
      const later = await manager.post('/api/process-instances', { definitionKey: 'pin-check' });
      const [task] = await t.dataSource.query('SELECT id, form_version FROM tasks WHERE instance_id = $1', [
        later.body.id,
      ]);
      expect(task.form_version).toBe(2);
      await owner.post(`/api/tasks/${task.id}/claim`);
      const missingOwner = await owner.post(`/api/tasks/${task.id}/complete`, { data: { name: 'x' } });
      expect(missingOwner.status).toBe(422);
      expect(missingOwner.body.errors).toEqual([{ pointer: '/data/owner', message: expect.any(String) }]);
    });

    it('refuses to deploy a workflow whose form is not published', async () => {
      await create('never-published');
      const res = await admin.post('/api/workflow-definitions', {
        key: 'unpublished-form',
        name: 'x',
        machine: {
          id: 'unpublished-form',
          initial: 'a',
          states: {
            a: {
              meta: { task: { form: 'never-published', candidateRole: 'contributor' } },
              on: { SUBMIT: 'b' },
            },
            b: { type: 'final' },
          },
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/never-published/);
    });
  });

  describe('immutability in the database', () => {
    it('refuses UPDATE and DELETE of a published form version', async () => {
      await expect(
        t.dataSource.query(
          `UPDATE form_versions SET title = 'tampered' WHERE key = 'generic-task' AND version = 1`,
        ),
      ).rejects.toThrow(/immutable/);
      await expect(
        t.dataSource.query(`DELETE FROM form_versions WHERE key = 'generic-task'`),
      ).rejects.toThrow(/immutable/);
      const [row] = await t.dataSource.query(
        `SELECT title FROM form_versions WHERE key = 'generic-task' AND version = 1`,
      );
      expect(row.title).toBe('Task');
    });
  });

  describe('evidence files', () => {
    const upload = (
      client: ApiClient,
      body: Buffer,
      query: string,
      contentType = 'application/octet-stream',
    ) =>
      fetch(`${t.baseUrl}/api/evidence?${query}`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-requested-with': 'aimsflow', // CSRF header (platform/http/csrf.ts)
          ...(client.cookie ? { cookie: client.cookie } : {}),
        },
        body: new Uint8Array(body),
      });

    it('stores an upload and downloads the same bytes as an attachment', async () => {
      const bytes = Buffer.from('%PDF-1.4 evidence of the AI policy\n');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const res = await upload(owner, bytes, 'name=AI%20policy%20%C3%A9.pdf&type=application/pdf');
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({
        sha256,
        name: 'AI policy é.pdf',
        size: bytes.length,
        type: 'application/pdf',
      });

      // The same bytes again are stored once.
      expect((await upload(admin, bytes, 'name=copy.pdf&type=application/pdf')).status).toBe(201);
      const [{ count }] = await t.dataSource.query(
        'SELECT COUNT(*)::int AS count FROM evidence_files WHERE sha256 = $1',
        [sha256],
      );
      expect(count).toBe(1);

      const download = await fetch(`${t.baseUrl}/api/evidence/${sha256}`, {
        headers: { cookie: manager.cookie! },
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="AI policy _.pdf"; filename*=UTF-8''AI%20policy%20%C3%A9.pdf`,
      );

      const other = await createOrganization(t.dataSource, 'initech', [
        { email: 'owner@initech.example', roles: ['contributor'] },
      ]);
      expect(other.organization.id).toBeDefined();
      const stranger = await t.login('owner@initech.example');
      expect(
        (await fetch(`${t.baseUrl}/api/evidence/${sha256}`, { headers: { cookie: stranger.cookie! } }))
          .status,
      ).toBe(404);
    });

    it('refuses bytes that do not match the declared type (415), storing nothing', async () => {
      const countFiles = async () =>
        (await t.dataSource.query('SELECT COUNT(*)::int AS count FROM evidence_files'))[0].count as number;
      const before = await countFiles();
      const cases: [Buffer, string, string][] = [
        [
          Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
          'name=x.pdf&type=application/pdf',
          'not a PDF document',
        ],
        [
          Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]),
          'name=x.png&type=image/png',
          'Windows executable',
        ],
        [
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
          'name=x.png&type=image/png',
          'JPEG image, not a PNG image',
        ],
        [Buffer.from([0x61, 0, 0x62]), 'name=x.txt&type=text/plain', 'NUL bytes'],
        [Buffer.from('{"a":'), 'name=x.json&type=application/json', 'not valid JSON'],
      ];
      for (const [body, query, reason] of cases) {
        const res = await upload(owner, body, query);
        expect(res.status).toBe(415);
        const answer = await res.json();
        expect(JSON.stringify(answer)).toContain(reason);
      }
      expect(await countFiles()).toBe(before);

      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      expect((await upload(owner, png, 'name=chart.png&type=image/png')).status).toBe(201);
      expect(await countFiles()).toBe(before + 1);
    });

    it('answers 401 to an anonymous upload without reading its body', async () => {
      // Over the size limit: were the body read first, this would be a 413.
      const res = await upload(
        t.anonymous(),
        Buffer.alloc(11 * 1024 * 1024, 1),
        'name=x.txt&type=text/plain',
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    });

    it('refuses a disallowed type (415), a file over 10 MB (413), an empty or non-octet-stream body, and read-only roles', async () => {
      const html = await upload(
        owner,
        Buffer.from('<script>alert(1)</script>'),
        'name=x.html&type=text/html',
      );
      expect(html.status).toBe(415);
      expect(await html.json()).toMatchObject({
        status: 415,
        allowed: expect.arrayContaining(['application/pdf']),
      });

      const big = await upload(
        owner,
        Buffer.alloc(10 * 1024 * 1024 + 1, 1),
        'name=big.pdf&type=application/pdf',
      );
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });

      expect((await upload(owner, Buffer.alloc(0), 'name=empty.txt&type=text/plain')).status).toBe(400);
      expect((await upload(owner, Buffer.from('a,b'), 'name=x.csv&type=text/csv', 'text/csv')).status).toBe(
        415,
      );
      expect((await upload(owner, Buffer.from('a'), 'name=../etc/passwd&type=text/plain')).status).toBe(400);

      const external = await t.login('external@acme.example');
      expect((await upload(external, Buffer.from('a'), 'name=a.txt&type=text/plain')).status).toBe(403);
      expect((await upload(t.anonymous(), Buffer.from('a'), 'name=a.txt&type=text/plain')).status).toBe(401);
    });
  });
});

/** The form keys a machine's states refer to. */
function formsOf(state: Record<string, unknown>): string[] {
  const own = (state.meta as { task?: { form?: string } } | undefined)?.task?.form;
  const children = Object.values((state.states ?? {}) as Record<string, Record<string, unknown>>).flatMap(
    formsOf,
  );
  return own ? [own, ...children] : children;
}

function nest(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

async function organizationId(t: TestApp): Promise<string> {
  const [org] = await t.dataSource.query(`SELECT id FROM organizations WHERE slug = 'acme'`);
  return org.id;
}
