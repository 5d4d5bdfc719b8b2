import { retrieveSchema } from '@rjsf/utils';
import type { RJSFSchema } from '@rjsf/utils';
import { createClientValidator } from './client-validator.factory';
import { CONTROL_ID_PATTERN } from './field-kinds.constants';
import { everyKindModel, randomModel, seededRandom } from './form-model.fixtures';
import { modelToSchema } from './model-to-schema.mapper';
import { schemaToModel, UnrepresentableSchemaError } from './schema-to-model.mapper';
import type { FormModel } from './model';

type Json = Record<string, any>;

describe('modelToSchema', () => {
  const { schema, uiSchema } = modelToSchema(everyKindModel) as { schema: Json; uiSchema: Json };

  it('declares draft 2020-12 and carries the form title and description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Every kind',
      description: 'A form exercising every field kind the designer offers.',
    });
  });

  it('orders fields with ui:order, including the conditional ones', () => {
    expect(uiSchema['ui:order']).toEqual(everyKindModel.fields.map((field) => field.id));
    expect(uiSchema.details['ui:order']).toEqual(['kind', 'why']);
    expect(uiSchema.risks.items['ui:order']).toEqual(['title', 'score', 'control']);
  });

  it('compiles a single choice to an enum with labels in ui:enumNames', () => {
    expect(schema.properties.decision).toEqual({
      title: 'Decision',
      type: 'string',
      enum: ['approve', 'reject'],
    });
    expect(uiSchema.decision).toEqual({ 'ui:enumNames': ['Approve', 'Reject'] });
  });

  it('compiles a multiple choice to a unique array of enum values shown as checkboxes', () => {
    expect(schema.properties.tags).toMatchObject({
      type: 'array',
      uniqueItems: true,
      minItems: 1,
      maxItems: 2,
      items: { enum: ['a', 'b', 'c'] },
    });
    expect(uiSchema.tags).toEqual({
      'ui:widget': 'checkboxes',
      items: { 'ui:enumNames': ['Alpha', 'Beta', 'Gamma'] },
    });
  });

  it('maps the product kinds to formats, patterns and custom widgets or fields', () => {
    expect(schema.properties.owner).toEqual({ title: 'Owner', type: 'string', format: 'uuid' });
    expect(uiSchema.owner).toEqual({ 'ui:widget': 'user' });
    expect(schema.properties.control).toEqual({
      title: 'Control',
      type: 'string',
      pattern: CONTROL_ID_PATTERN,
    });
    expect(uiSchema.control).toEqual({ 'ui:widget': 'control' });
    expect(uiSchema.system).toEqual({ 'ui:widget': 'aiSystem' });
    expect(schema.properties.attachment.required).toEqual(['sha256', 'name', 'size', 'type']);
    expect(uiSchema.attachment).toEqual({ 'ui:field': 'file' });
    expect(uiSchema.rating).toEqual({ 'ui:field': 'riskMatrix' });
    expect(schema.properties.due).toEqual({ title: 'Due date', type: 'string', format: 'date' });
    expect(uiSchema.story).toEqual({ 'ui:widget': 'textarea' });
    expect(schema.properties.agree).toEqual({ title: 'I agree', type: 'boolean', const: true });
  });

  it('puts a conditional field only in an if/then (eq) or if/else (neq) branch, required inside the branch', () => {
    expect(schema.properties.reason).toBeUndefined();
    expect(schema.allOf).toContainEqual({
      if: { properties: { decision: { const: 'reject' } }, required: ['decision'] },
      then: {
        properties: { reason: { title: 'Reason', type: 'string', minLength: 1 } },
        required: ['reason'],
      },
    });
    expect(schema.allOf).toContainEqual({
      if: { properties: { decision: { const: 'reject' } }, required: ['decision'] },
      else: { properties: { nextStep: { title: 'Next step', type: 'string' } } },
    });
    expect(schema.required).toEqual(['name', 'agree', 'decision', 'owner']);
  });
});

describe('conditional visibility as RJSF resolves it', () => {
  const { schema } = modelToSchema(everyKindModel);
  const validator = createClientValidator(schema);
  const visible = (formData: Json, at: (resolved: Json) => Json = (resolved) => resolved) =>
    Object.keys(
      at(retrieveSchema(validator, schema as RJSFSchema, schema as RJSFSchema, formData) as Json)
        .properties ?? {},
    );

  it('shows an eq-conditional field, as required, only while the condition holds', () => {
    expect(visible({ decision: 'approve' })).not.toContain('reason');
    const resolved = retrieveSchema(validator, schema as RJSFSchema, schema as RJSFSchema, {
      decision: 'reject',
    }) as Json;
    expect(Object.keys(resolved.properties)).toContain('reason');
    expect(resolved.required).toContain('reason');
  });

  it('shows a neq-conditional field when the controller is empty or different, and hides it on the value', () => {
    expect(visible({})).toContain('nextStep');
    expect(visible({ decision: 'approve' })).toContain('nextStep');
    expect(visible({ decision: 'reject' })).not.toContain('nextStep');
  });

  it('resolves a condition inside a section against the section data', () => {
    const details = (data: Json) =>
      Object.keys(
        (retrieveSchema(validator, (schema as Json).properties.details, schema as RJSFSchema, data) as Json)
          .properties,
      );
    expect(details({ kind: 'x' })).toEqual(['kind']);
    expect(details({ kind: 'y' })).toEqual(['kind', 'why']);
  });
});

describe('schemaToModel', () => {
  it('recovers exactly the model a designer produced', () => {
    expect(schemaToModel(modelToSchema(everyKindModel))).toStrictEqual(everyKindModel);
  });

  it('round-trips 300 generated models exactly', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 300; i++) {
      const model: FormModel = randomModel(random);
      expect(schemaToModel(modelToSchema(model))).toStrictEqual(model);
    }
  });

  it('is stable the other way: schema → model → schema reproduces the document', () => {
    const doc = modelToSchema(everyKindModel);
    expect(modelToSchema(schemaToModel(doc))).toStrictEqual(doc);
  });

  it('refuses, with the path, a schema using something the designer cannot represent', () => {
    const doc = modelToSchema(everyKindModel) as { schema: Json; uiSchema: Json };
    doc.schema.properties.name.description = 'hand-written';
    expect(() => schemaToModel(doc)).toThrow(UnrepresentableSchemaError);
    expect(() => schemaToModel(doc)).toThrow('#/properties/name/description');
  });

  it('refuses an allOf entry that is not a single-field condition', () => {
    const doc = modelToSchema(everyKindModel) as { schema: Json; uiSchema: Json };
    doc.schema.allOf.push({ anyOf: [{ required: ['name'] }, { required: ['story'] }] });
    expect(() => schemaToModel(doc)).toThrow(UnrepresentableSchemaError);
  });

  it('returns a best-effort model for a foreign schema when not strict', () => {
    const doc = {
      schema: {
        type: 'object',
        properties: { a: { type: 'string', description: 'x' }, b: { type: 'integer' } },
        required: ['b'],
      },
      uiSchema: {},
    };
    expect(() => schemaToModel(doc)).toThrow(UnrepresentableSchemaError);
    expect(schemaToModel(doc, { strict: false })).toEqual({
      title: '',
      fields: [
        { id: 'a', kind: 'shortText', label: 'a' },
        { id: 'b', kind: 'integer', label: 'b', required: true },
      ],
    });
  });
});
