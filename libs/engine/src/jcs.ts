/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The value is first taken through JSON (so a `Date`
 * becomes its ISO string and `undefined` members disappear, exactly as JSON.stringify stores them),
 * then written with object members sorted by their UTF-16 code units, no whitespace, and numbers
 * and strings as ECMAScript's JSON.stringify writes them. What is stored and what is hashed are the
 * same JSON document, so a verifier can rebuild the hashed text from the stored row in any language.
 */
export function jcs(value: unknown): string {
  return serialize(toJsonValue(value));
}

/** The value as JSON would store it: what `JSON.parse(JSON.stringify(value))` gives (null for undefined). */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialize(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') {
    // I-JSON (RFC 7493), which JCS requires: text is valid Unicode.
    if (LONE_SURROGATE.test(value)) throw new TypeError('JCS: a string holds a lone UTF-16 surrogate');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  const object = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${serialize(k)}:${serialize(object[k])}`).join(',')}}`;
}
