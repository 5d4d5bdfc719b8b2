const MARKDOWN_FLAGS = new Set(['enableMarkdownInDescription', 'enableMarkdownInHelp']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns a copy of a uiSchema with every markdown switch removed (`ui:enableMarkdownIn…`, the
 * same keys inside `ui:options` and `ui:globalOptions`), so admin-typed text is only ever text.
 */
export function stripMarkdownOptions<T>(uiSchema: T): T {
  if (Array.isArray(uiSchema)) return uiSchema.map((item) => stripMarkdownOptions(item)) as T;
  if (!isPlainObject(uiSchema)) return uiSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(uiSchema)) {
    const bare = key.startsWith('ui:') ? key.slice(3) : key;
    if (MARKDOWN_FLAGS.has(bare)) continue;
    out[key] = stripMarkdownOptions(value);
  }
  return out as T;
}
