import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RJSFSchema } from '@rjsf/utils';
import {
  checkModel,
  checkSchema,
  createClientValidator,
  createSubmissionValidator,
  modelToSchema,
  schemaToModel,
  validateFormDefinition,
} from '@aimsflow/form-schema';
import { builtInForms, findBuiltInForm } from './index';

const REQUIRED_KEYS = [
  'approval-decision',
  'orientation-checklist',
  'awareness-acknowledgement',
  'leadership-commitment',
  'context-issues',
  'interested-parties',
  'aims-scope',
  'gap-assessment-item',
  'gap-consolidation',
  'project-plan',
  'ai-policy',
  'ai-objectives',
  'ai-system-registration',
  'ai-risk-assessment',
  'ai-impact-assessment',
  'soa-entry',
  'generic-task',
  'management-review-preparation',
  'management-review-minutes',
  'review-action-update',
  'monitoring-metrics',
  'measurement-results',
  'nonconformity-record',
  'nonconformity-containment',
  'nonconformity-root-cause',
  'corrective-action-plan',
  'corrective-action-report',
  'incident-report',
  'concern-report',
  'report-triage',
  'report-response',
  'report-communication',
  // Internal audit (9.2)
  'internal-audit-programme',
  'internal-audit-plan',
  'audit-checklist',
  'audit-report',
  'audit-report-approval',
  'audit-acknowledgement',
  // Certification (phase 4)
  'certification-body',
  'certification-stage-one',
  'certification-concern-resolution',
  'certification-stage-two-schedule',
  'certification-stage-two',
  'certification-findings',
  'certification-finding-closure',
  'certification-decision',
  'certificate',
];

describe('the built-in form catalogue', () => {
  it('ships every form the ISO 42001 programme needs', () => {
    expect(builtInForms.map((form) => form.key).sort()).toEqual([...REQUIRED_KEYS].sort());
  });

  it('lists exactly the form folders and their example files', () => {
    const folders = fs
      .readdirSync(__dirname, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(builtInForms.map((form) => form.key).sort());
    for (const form of builtInForms) {
      const files = fs.readdirSync(path.join(__dirname, form.key, 'examples')).sort();
      const listed = [
        ...form.examples.valid.map((example) => `valid-${example.name}.json`),
        ...form.examples.invalid.map((example) => `invalid-${example.name}.json`),
      ].sort();
      expect(files).toEqual(listed);
    }
  });

  it('finds a form by key', () => {
    expect(findBuiltInForm('soa-entry')?.title).toBe('Statement of Applicability entry');
    expect(findBuiltInForm('nope')).toBeUndefined();
  });
});

describe.each(builtInForms.map((form) => [form.key, form] as const))('built-in form %s', (key, form) => {
  const doc = { schema: form.schema, uiSchema: form.uiSchema };

  it('passes the save-time checks (key, schema, uiSchema)', () => {
    expect(checkSchema(form.schema)).toEqual({ ok: true });
    expect(validateFormDefinition(form)).toEqual({ ok: true });
  });

  it('has a title and description that match its schema', () => {
    expect(form.schema.title).toBe(form.title);
    expect(form.schema.description).toBe(form.description);
  });

  it('is representable by the designer: schema → model → schema reproduces it, model → schema → model is identity', () => {
    const model = schemaToModel(doc);
    expect(checkModel(model)).toEqual([]);
    expect(modelToSchema(model)).toEqual(doc);
    expect(schemaToModel(modelToSchema(model))).toStrictEqual(model);
  });

  it('has at least one valid and one invalid example', () => {
    expect(form.examples.valid.length).toBeGreaterThan(0);
    expect(form.examples.invalid.length).toBeGreaterThan(0);
  });

  const server = createSubmissionValidator(form.schema);
  const client = createClientValidator(form.schema);
  const clientValid = (data: unknown) =>
    client.validateFormData(data, form.schema as RJSFSchema).errors.length === 0;

  it.each(form.examples.valid.map((example) => [example.name, example.data] as const))(
    'accepts the valid example "%s" on server and client',
    (_name, data) => {
      expect(server(data)).toEqual({ valid: true, errors: [] });
      expect(clientValid(data)).toBe(true);
    },
  );

  it.each(form.examples.invalid.map((example) => [example.name, example.data] as const))(
    'rejects the invalid example "%s" on server and client',
    (_name, data) => {
      expect(server(data).valid).toBe(false);
      expect(server(data).errors.length).toBeGreaterThan(0);
      expect(clientValid(data)).toBe(false);
    },
  );

  it(`uses the key "${key}" as its folder name`, () => {
    expect(fs.existsSync(path.join(__dirname, key, 'form.json'))).toBe(true);
  });
});
