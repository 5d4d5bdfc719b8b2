import { annexAControls } from '@aimsflow/iso42001';
import { addPerson, drive, openTasks, personOf, type Person } from '../programme/programme-driver';
import { itWithPdftotext, pdfText } from '../testing/pdf-text';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { contentSha256 } from './pdf-report';

const OWNER_NAME = 'Łódź Ğüşö 日本';
const withPdftotext = itWithPdftotext();

/** A justification of 1,500 characters in distinct words, so a cut shows as a missing word. */
const justification = (() => {
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < 1500; i++) words.push(`reason${i}`);
  while (1500 - words.join(' ').length < 2) words.pop();
  // The last word fills it up to exactly 1,500 characters.
  return `${words.join(' ')} ${'z'.repeat(1500 - words.join(' ').length - 1)}`;
})();

describe('register PDFs over HTTP (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let deputy: Person;
  let ceo: Person;
  let external: ApiClient;
  let ownerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    deputy = await addPerson(t, 'deputy.pdf@acme.example', ['aims-manager']);
    external = await t.login('external@acme.example');
    // A control owner whose name needs Latin Extended-A and CJK glyphs, made through the admin API.
    const admin = await t.login('admin@acme.example');
    const created = await admin.post('/api/users', {
      email: 'lodz@acme.example',
      name: OWNER_NAME,
      roles: ['contributor'],
    });
    expect(created.status).toBe(201);
    ownerId = created.body.id ?? created.body.user?.id;
    expect(ownerId).toEqual(expect.any(String));
    // They own A.5.2, whose justification is long: written into the SoA row directly.
    const orgId = (await t.dataSource.query(`SELECT organization_id FROM users WHERE id = $1`, [ownerId]))[0]
      .organization_id;
    const control = annexAControls.find((c) => c.id === 'A.5.2')!;
    const data = {
      controlId: control.id,
      title: control.title,
      family: control.family,
      applicable: true,
      justification,
      status: 'planned',
      stage: 'decided',
      ownerId,
    };
    await t.dataSource.query(
      `INSERT INTO register_records (organization_id, register_key, record_key, data)
       VALUES ($1, 'soa', $2, $3::jsonb)
       ON CONFLICT (organization_id, register_key, record_key) DO UPDATE SET data = register_records.data || $3::jsonb`,
      [orgId, control.id, JSON.stringify(data)],
    );
  });
  afterAll(() => t.close());

  const pdfOf = async (path: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: external.cookie! } });
    return { res, pdf: Buffer.from(await res.arrayBuffer()) };
  };

  it('serves the SoA as a PDF', async () => {
    const { res, pdf } = await pdfOf('/api/registers/soa.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="statement-of-applicability.pdf"',
    );
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
    // Fonts are subsetted: the 5 MB CJK font adds only the glyphs used.
    expect(pdf.length).toBeLessThan(400_000);
  });

  withPdftotext(
    'prints the owner in Polish, Turkish and Japanese, the whole justification and the pages',
    async () => {
      expect(justification).toHaveLength(1500);
      const text = pdfText((await pdfOf('/api/registers/soa.pdf')).pdf);
      expect(text).toContain('Statement of Applicability – Acme AI Ltd');
      expect(text).toContain(OWNER_NAME);
      // Every word, in order (a row taller than what is left of a page goes on over the next one).
      let at = 0;
      for (const word of justification.split(' ')) {
        const found = new RegExp(`\\b${word}\\b`).exec(text.slice(at));
        expect(found && word).toBe(word);
        at += found!.index + word.length;
      }
      expect(text).toMatch(/page 1 of \d+/);
      for (const control of annexAControls) expect(text).toContain(control.id);
      // No SoA document yet: not approved, and no version.
      expect(text).toContain('Not yet approved');
      expect(text).toMatch(/Records\s+38\n/);
      // The same content hashes the same: two downloads show one SHA-256.
      const sha = /Content SHA-256 ([0-9a-f]{64})/.exec(text)?.[1];
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      expect(pdfText((await pdfOf('/api/registers/soa.pdf')).pdf)).toContain(sha);
    },
  );

  it('serves a declared register as a PDF, answers 404 for an unknown one', async () => {
    const instance = await manager.api.post('/api/process-instances', {
      definitionKey: 'ai-objectives-approval',
    });
    expect(instance.status).toBe(201);
    const instanceId = instance.body.id as string;
    const [task] = (await openTasks(t.dataSource, instanceId)).filter((x) => x.form_key === 'ai-objectives');
    expect((await manager.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await manager.api.post(`/api/tasks/${task.id}/complete`, {
      data: {
        objectives: [
          {
            title: `Explain decisions to ${OWNER_NAME}`,
            theme: 'transparency',
            measure: 'share of automated decisions with an explanation',
            target: '100 %',
            owner: ownerId,
            dueDate: '2027-06-30',
          },
        ],
      },
    });
    expect(done.status).toBe(200);
    // Both levels sign, so there is an approved chain to name approvers from (below).
    await drive(t, [manager, deputy, ceo], instanceId, async () => {
      const [row] = await t.dataSource.query('SELECT status FROM process_instances WHERE id = $1', [
        instanceId,
      ]);
      return row.status === 'completed';
    });

    const { res, pdf } = await pdfOf('/api/registers/objectives.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="objectives.pdf"');
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
    expect((await pdfOf('/api/registers/nothing.pdf')).res.status).toBe(404);
  });

  withPdftotext('prints the declared register’s title, clause, count, rows and hash', async () => {
    const text = pdfText((await pdfOf('/api/registers/objectives.pdf')).pdf);
    expect(text).toContain('AI objectives (ISO/IEC 42001 6.2)');
    expect(text).toMatch(/Records\s+1\n/);
    expect(text).toContain(`Explain decisions to ${OWNER_NAME}`);
    expect(text).toMatch(/Objective\s+Theme\s+Measured by/);
    expect(text).toContain('page 1 of 1');
    // The hash is of the cells as printed.
    const cells = [
      `Explain decisions to ${OWNER_NAME}`,
      'transparency',
      'share of automated decisions with an explanation',
      '100 %',
      OWNER_NAME,
      '2027-06-30',
      'approved',
    ];
    expect(text).toContain(`Content SHA-256 ${contentSha256([cells])}`);
  });

  withPdftotext('names who approved the SoA and when, from the chain that signed its document', async () => {
    // Sign the SoA document with the objectives' approved chain: who decided it is who approved the SoA.
    const [approval] = await t.dataSource.query(
      `SELECT id, organization_id, instance_id, state_id, ended_at FROM approvals
        WHERE status = 'approved' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(approval).toBeDefined();
    const approvers: string[] = (
      await t.dataSource.query(
        `SELECT u.name FROM approval_decisions d JOIN users u ON u.id = d.user_id
          WHERE d.approval_id = $1 AND d.decision = 'approve' ORDER BY d.level, d.decided_at`,
        [approval.id],
      )
    ).map((r: { name: string }) => r.name);
    expect(approvers.length).toBeGreaterThan(0);
    await t.dataSource.query(
      `INSERT INTO register_documents (organization_id, doc_key, title, approval_state, state_scope, approved_at, instance_id, version)
       VALUES ($1, 'soa', 'Statement of Applicability', 'approved', $2, '2026-11-02T10:30:00Z', $3, 4)`,
      [approval.organization_id, approval.state_id.split('.').slice(0, -1).join('.'), approval.instance_id],
    );
    const text = pdfText((await pdfOf('/api/registers/soa.pdf')).pdf);
    expect(text).toContain(`Approved by ${approvers.join(', ')} on 2026-11-02 10:30 UTC`);
    expect(text).toMatch(/Version\s+4/);
    expect(text).not.toContain('Not yet approved');
  });

  it('serves documented information as a PDF', async () => {
    const { res, pdf } = await pdfOf('/api/registers/documents.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="documents.pdf"');
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
  });

  withPdftotext('prints each document with its versions, approval and owner, and the hash', async () => {
    const docs: Array<{
      title: string;
      version: number;
      approvalState: string;
      owner: { name: string } | null;
    }> = (await external.get('/api/registers/documents')).body.items;
    // The objectives' document (approved above) and the SoA document written into the table.
    expect(docs.map((d) => d.title)).toEqual(
      expect.arrayContaining(['AI objectives', 'Statement of Applicability']),
    );
    const text = pdfText((await pdfOf('/api/registers/documents.pdf')).pdf);
    expect(text).toContain('Documented information (ISO/IEC 42001 7.5) – Acme AI Ltd');
    expect(text).toMatch(new RegExp(`Records\\s+${docs.length}\\n`));
    const objectives = docs.find((d) => d.title === 'AI objectives')!;
    expect(objectives).toMatchObject({ approvalState: 'approved', owner: { name: 'Maya Manager' } });
    expect(text).toMatch(/AI objectives\s+1\s+approved\s+1\s+20\d\d-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).toContain('Maya Manager');
    expect(text).toMatch(/Content SHA-256 [0-9a-f]{64}/);
    expect(text).toContain('page 1 of 1');
  });
});
