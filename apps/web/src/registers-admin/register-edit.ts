/** A declaration as `GET /registers/:key/declaration` answers: the declaration plus catalogue facts. */
export type StoredDeclaration = Record<string, unknown> & {
  key: string;
  title: string;
  clause?: string;
  description?: string;
  columns?: Array<{ field: string; title: string; kind?: string }>;
  builtIn?: boolean;
  version?: number;
};

/** What the register editor shows. */
export interface RegisterEditValues {
  title: string;
  clause: string;
  description: string;
  columns: Array<{ field: string; title: string; kind?: string }>;
  /** The whole declaration as text; when changed, it is saved as written. */
  json: string;
}

/** The catalogue adds these to what was declared; the server refuses them in a declaration. */
const CATALOGUE_FACTS = ['builtIn', 'version'];

function declarationOf(stored: StoredDeclaration): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored).filter(([k]) => !CATALOGUE_FACTS.includes(k)));
}

export function editValues(stored: StoredDeclaration): RegisterEditValues {
  return {
    title: stored.title,
    clause: stored.clause ?? '',
    description: stored.description ?? '',
    columns: (stored.columns ?? []).map((c) => ({ ...c })),
    json: JSON.stringify(declarationOf(stored), null, 2),
  };
}

/**
 * The declaration to save: the JSON text as written when the admin changed it (it must still be
 * this register), otherwise the stored declaration with the edited title, clause, description and
 * columns. An empty optional text drops the property rather than saving "".
 */
export function applyEdit(
  stored: StoredDeclaration,
  values: RegisterEditValues,
): { declaration: Record<string, unknown> } | { error: string } {
  const original = editValues(stored).json;
  if (values.json.trim() !== original.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(values.json);
    } catch (error) {
      return { error: `The declaration is not valid JSON: ${(error as Error).message}` };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return { error: 'The declaration must be a JSON object.' };
    if ((parsed as { key?: unknown }).key !== stored.key)
      return { error: `The key must stay "${stored.key}"; declare a new register to use another key.` };
    return { declaration: parsed as Record<string, unknown> };
  }
  const next: Record<string, unknown> = {
    ...declarationOf(stored),
    title: values.title.trim(),
    columns: values.columns.map((c) => ({ ...c, title: c.title.trim() })),
  };
  for (const name of ['clause', 'description'] as const) {
    const text = values[name].trim();
    if (text) next[name] = text;
    else delete next[name];
  }
  return { declaration: next };
}
