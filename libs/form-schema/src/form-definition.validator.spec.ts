import { validateFormDefinition } from './form-definition.validator';
import { checkModel } from './model-check.validator';
import { everyKindModel } from './form-model.fixtures';
import { modelToSchema } from './model-to-schema.mapper';

const doc = modelToSchema(everyKindModel);
const good = {
  key: 'ai-risk-assessment',
  title: 'AI risk assessment',
  schema: doc.schema,
  uiSchema: doc.uiSchema,
};
const errorsOf = (input: typeof good | Record<string, unknown>) => {
  const result = validateFormDefinition(input as typeof good);
  return result.ok ? [] : result.errors;
};

describe('validateFormDefinition', () => {
  it('accepts a kebab-case key, a title, a designer schema and its uiSchema', () => {
    expect(validateFormDefinition(good)).toEqual({ ok: true });
  });

  it.each(['AiRisk', 'ai_risk', 'ai--risk', '-ai', 'ai-', '1ai', ''])('refuses the key %j', (key) => {
    expect(errorsOf({ ...good, key })[0]).toContain('kebab-case');
  });

  it('refuses a missing title', () => {
    expect(errorsOf({ ...good, title: '  ' })[0]).toContain('title');
  });

  it('reports schema problems with a schema: prefix', () => {
    expect(
      errorsOf({
        ...good,
        schema: { type: 'object', properties: { a: { type: 'string', format: 'nope' } } },
      })[0],
    ).toMatch(/^schema: /);
  });

  it('refuses a uiSchema holding functions or class instances', () => {
    expect(errorsOf({ ...good, uiSchema: { a: { 'ui:widget': () => null } } })[0]).toContain(
      'ui#/a/ui:widget',
    );
    expect(errorsOf({ ...good, uiSchema: { a: new Date() } })[0]).toContain('class instance');
    expect(errorsOf({ ...good, uiSchema: [] })[0]).toContain('JSON object');
  });

  it('refuses a uiSchema with a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorsOf({ ...good, uiSchema: cyclic })[0]).toContain('cycles');
  });
});

describe('checkModel', () => {
  it('finds nothing wrong with a well-formed model', () => {
    expect(checkModel(everyKindModel)).toEqual([]);
  });

  it('reports duplicate ids, empty choices, dangling rules and unsafe patterns', () => {
    const problems = checkModel({
      title: 'x',
      fields: [
        { id: 'a', kind: 'shortText', label: 'A', pattern: '(a+)+' },
        { id: 'a', kind: 'singleChoice', label: 'A2', options: [] },
        { id: 'b', kind: 'shortText', label: 'B', visibleWhen: { field: 'zzz', op: 'eq', value: 'x' } },
        { id: 'c', kind: 'section', label: 'C', fields: [] },
      ],
    });
    expect(problems).toEqual([
      expect.stringContaining('a: pattern nested quantifier'),
      'a: id is used twice at the same level',
      'a: a choice needs at least one option',
      'b: visibleWhen refers to zzz, which is not a sibling field',
      'c: a section needs at least one field',
    ]);
  });
});
