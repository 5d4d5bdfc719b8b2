import { errorSchemaFor, fieldLabelForPath, rjsfIdForPath, submissionProblems } from './server-errors';

const schema = {
  type: 'object',
  properties: {
    usesPersonalData: { type: 'boolean', title: 'Uses personal data' },
    risks: {
      type: 'array',
      title: 'Risks',
      items: { type: 'object', properties: { owner: { type: 'string', title: 'Owner' } } },
    },
  },
  allOf: [
    {
      if: { properties: { usesPersonalData: { const: true } } },
      then: {
        properties: { dpiaReference: { type: 'string', title: 'DPIA reference' } },
        required: ['dpiaReference'],
      },
    },
  ],
};

describe('server submission errors', () => {
  it("reads the problem's errors, pointing into the submission rather than the request body", () => {
    expect(
      submissionProblems([
        { pointer: '/data/dpiaReference', message: 'is required' },
        { pointer: '/data', message: 'must be an object' },
      ]),
    ).toEqual([
      { path: '/dpiaReference', message: 'is required' },
      { path: '', message: 'must be an object' },
    ]);
    expect(submissionProblems([])).toEqual([]);
  });

  it('names a field by its label, also when it lives in a conditional branch or a list item', () => {
    expect(fieldLabelForPath(schema, '/dpiaReference')).toBe('DPIA reference');
    expect(fieldLabelForPath(schema, 'risks[1].owner')).toBe('Risks › item 2 › Owner');
    expect(fieldLabelForPath(schema, '')).toBe('The form');
  });

  it('turns the problems that name a field into an RJSF error schema', () => {
    expect(
      errorSchemaFor([
        { path: '/dpiaReference', message: 'is required' },
        { path: '/risks/0/owner', message: 'is not a user of this organisation' },
        { path: '', message: 'must be an object' },
      ]),
    ).toEqual({
      dpiaReference: { __errors: ['is required'] },
      risks: { 0: { owner: { __errors: ['is not a user of this organisation'] } } },
    });
    expect(errorSchemaFor([{ path: '', message: 'x' }])).toBeUndefined();
  });

  it("points at RJSF's element id for the field", () => {
    expect(rjsfIdForPath('/risks/0/owner')).toBe('root_risks_0_owner');
  });
});
