/**
 * What a person filling a form is told when an answer does not fit, in the product's words rather
 * than ajv's ("must have required property 'x'", "must match \"then\" schema"). The same function
 * words the server's submission errors and the browser's, so both say the same thing. Messages
 * are about one field and shown next to it, so they do not repeat its name.
 */
export function humanMessage(keyword: string, params: Record<string, unknown> = {}): string {
  const n = typeof params.limit === 'number' ? params.limit : undefined;
  switch (keyword) {
    case 'required':
    case 'dependentRequired':
    case 'dependencies':
      return 'Fill in this field.';
    case 'minLength':
      return n === 1 || n === undefined ? 'Fill in this field.' : `Use at least ${n} characters.`;
    case 'maxLength':
      return `Use at most ${n} characters.`;
    case 'minItems':
      return n === 1 || n === undefined ? 'Add at least one entry.' : `Add at least ${n} entries.`;
    case 'maxItems':
      return `Keep at most ${n} ${n === 1 ? 'entry' : 'entries'}.`;
    case 'uniqueItems':
      return 'Remove the repeated entry: each one may appear only once.';
    case 'minimum':
      return `Enter ${n} or more.`;
    case 'maximum':
      return `Enter ${n} or less.`;
    case 'exclusiveMinimum':
      return `Enter more than ${n}.`;
    case 'exclusiveMaximum':
      return `Enter less than ${n}.`;
    case 'multipleOf':
      return `Enter a multiple of ${String(params.multipleOf)}.`;
    case 'const':
      return params.allowedValue === true
        ? 'Tick this box to confirm.'
        : `Only ${JSON.stringify(params.allowedValue)} is accepted here.`;
    case 'enum':
      return 'Choose one of the options offered.';
    case 'type':
      return typeMessage(String(params.type ?? ''));
    case 'format':
      return formatMessage(String(params.format ?? ''));
    case 'pattern':
      return 'This does not have the expected form; see the field’s help.';
    case 'additionalProperties':
      return `“${String(params.additionalProperty)}” is not a field of this form.`;
    case 'unevaluatedProperties':
      return `“${String(params.unevaluatedProperty)}” is not a field of this form.`;
    case 'minProperties':
      return 'Fill in at least one field.';
    case 'anyOf':
      return 'Answer in one of the ways offered.';
    case 'oneOf':
      return 'Answer in exactly one of the ways offered.';
    case 'not':
      return 'This answer is not accepted here.';
    case 'contains':
    case 'minContains':
      return 'Add an entry of the kind this list needs.';
    case 'propertyNames':
      return 'A field name here does not have the expected form.';
    default:
      return 'This answer is not accepted here.';
  }
}

function typeMessage(type: string): string {
  const first = type.split(',')[0];
  switch (first) {
    case 'integer':
      return 'Enter a whole number.';
    case 'number':
      return 'Enter a number.';
    case 'string':
      return 'Enter text.';
    case 'boolean':
      return 'Choose yes or no.';
    case 'array':
      return 'Give a list here.';
    case 'object':
      return 'Answer the questions of this section.';
    case 'null':
      return 'Leave this empty.';
    default:
      return 'This kind of answer is not accepted here.';
  }
}

function formatMessage(format: string): string {
  switch (format) {
    case 'date':
      return 'Enter a date, e.g. 2027-03-31.';
    case 'date-time':
      return 'Enter a date and time.';
    case 'time':
      return 'Enter a time, e.g. 14:30.';
    case 'email':
      return 'Enter an email address, e.g. name@example.com.';
    case 'uri':
    case 'url':
      return 'Enter a web address starting with https://.';
    case 'uuid':
      return 'Choose from the list.';
    default:
      return `Enter a valid ${format}.`;
  }
}
