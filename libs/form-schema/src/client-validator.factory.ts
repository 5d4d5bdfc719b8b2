import { customizeValidator } from '@rjsf/validator-ajv8';
import type { CustomValidatorOptionsType } from '@rjsf/validator-ajv8';
import { ajvClassFor, draftOf, extendAjv, type SchemaDraft } from './ajv-instance.factory';

/** The options handed to `customizeValidator` so RJSF's ajv matches the server's (see ajv-instance.factory). */
export function clientValidatorOptions(draft: SchemaDraft): CustomValidatorOptionsType {
  return {
    ajvFormatOptions: false,
    AjvClass: ajvClassFor(draft),
    extenderFn: extendAjv,
  };
}

/**
 * The RJSF validator for the web app, configured like the server's submission validator.
 * Pass the form's schema (or a draft) so the right JSON Schema draft is used; default 2020-12.
 */
export function createClientValidator(schemaOrDraft: Record<string, unknown> | SchemaDraft = '2020-12') {
  const draft = typeof schemaOrDraft === 'string' ? schemaOrDraft : draftOf(schemaOrDraft);
  if (!draft) throw new Error('unsupported $schema: use draft 2020-12 or draft-07');
  return customizeValidator(clientValidatorOptions(draft));
}
