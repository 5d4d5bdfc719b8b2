/** An evidence file a record cites: any `{sha256, name}` object anywhere in it. */
export interface CitedFile {
  sha256: string;
  name: string;
}

/** Every evidence file cited anywhere in `data`, once each (the same walk as a register record's view). */
export function citedEvidence(data: unknown): CitedFile[] {
  const found = new Map<string, CitedFile>();
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 8) return;
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1));
    const v = value as Record<string, unknown>;
    if (typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256) && typeof v.name === 'string')
      found.set(v.sha256, { sha256: v.sha256, name: v.name });
    for (const child of Object.values(v)) walk(child, depth + 1);
  };
  walk(data, 0);
  return [...found.values()];
}
