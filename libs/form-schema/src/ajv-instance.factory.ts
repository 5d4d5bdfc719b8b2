/**
 * One place that says how ajv is configured, so the server's submission validator and the
 * browser's RJSF validator (`@rjsf/validator-ajv8`) reach the same verdict for the same data.
 *
 * It mirrors `createAjvInstance` of @rjsf/validator-ajv8 6.11 step by step: the same constructor
 * options (its `AJV_CONFIG`), the same `data-url` and `color` formats, the same RJSF keyword. One
 * deliberate difference from RJSF's *defaults*: RJSF bundles its own nested ajv-formats 2.x, whose
 * format set differs from the workspace's ajv-formats 3.x, so both sides switch RJSF's copy off
 * (`ajvFormatOptions: false`) and add the workspace's formats in `extendAjv` instead.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The JSON Schema drafts a form schema may declare. */
export type SchemaDraft = '2020-12' | 'draft-07';

export const DRAFT_2020_12_URI = 'https://json-schema.org/draft/2020-12/schema';
export const DRAFT_07_URI = 'http://json-schema.org/draft-07/schema#';

/** Identical to `AJV_CONFIG` in @rjsf/validator-ajv8 6.11 (a test asserts the resulting ajv options match). */
export const RJSF_AJV_OPTIONS: Readonly<Options> = Object.freeze({
  allErrors: true,
  multipleOfPrecision: 8,
  strict: false,
  verbose: true,
  discriminator: false,
});

/** Copied from @rjsf/validator-ajv8 (`COLOR_FORMAT_REGEX`). */
export const COLOR_FORMAT_REGEX =
  /^(#?([0-9A-Fa-f]{3}){1,2}\b|aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|(rgb\(\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*\))|(rgb\(\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*\)))$/;
/** Copied from @rjsf/validator-ajv8 (`DATA_URL_FORMAT_REGEX`). */
export const DATA_URL_FORMAT_REGEX = /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/;
/** The string keyword RJSF registers with ajv (`RJSF_ADDITIONAL_PROPERTIES_FLAG` in @rjsf/utils). */
export const RJSF_ADDITIONAL_PROPERTIES_FLAG = '__rjsf_additionalProperties';

/** Formats of the product itself, on top of ajv-formats and RJSF's `data-url` / `color`. None yet. */
export const PRODUCT_FORMATS: Readonly<Record<string, RegExp>> = Object.freeze({});

/** The draft a schema declares through `$schema` (absent means 2020-12), or null when unsupported. */
export function draftOf(schema: Record<string, unknown>): SchemaDraft | null {
  const declared = schema.$schema;
  if (declared === undefined) return '2020-12';
  if (typeof declared !== 'string') return null;
  const normalised = declared.replace(/#$/, '');
  if (normalised === DRAFT_2020_12_URI) return '2020-12';
  if (
    normalised === DRAFT_07_URI.replace(/#$/, '') ||
    normalised === 'https://json-schema.org/draft-07/schema'
  ) {
    return 'draft-07';
  }
  return null;
}

/** The ajv class for a draft; RJSF is given the same class through its `AjvClass` option. */
export function ajvClassFor(draft: SchemaDraft): typeof Ajv {
  return (draft === '2020-12' ? Ajv2020 : Ajv) as unknown as typeof Ajv;
}

/** Adds the workspace's ajv-formats set and the product formats; used as RJSF's `extenderFn` too. */
export function extendAjv(ajv: Ajv): Ajv {
  addFormats(ajv);
  for (const [name, format] of Object.entries(PRODUCT_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/** A fresh ajv configured exactly as `createClientValidator` configures RJSF's, for the given draft. */
export function createAjv(draft: SchemaDraft, overrides: Options = {}): Ajv {
  const AjvClass = ajvClassFor(draft);
  const ajv = new AjvClass({ ...RJSF_AJV_OPTIONS, ...overrides });
  ajv.addFormat('data-url', DATA_URL_FORMAT_REGEX);
  ajv.addFormat('color', COLOR_FORMAT_REGEX);
  ajv.addKeyword(RJSF_ADDITIONAL_PROPERTIES_FLAG);
  return extendAjv(ajv);
}

/** Every `format` name a form schema may use. */
export const KNOWN_FORMATS: readonly string[] = Object.freeze(
  Object.keys(createAjv('2020-12').formats).sort(),
);
