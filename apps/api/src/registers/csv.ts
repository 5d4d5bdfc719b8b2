/**
 * The one CSV writer of every export. A spreadsheet runs a cell as a formula when its text starts
 * with one of these (CSV injection, OWASP), also in their full-width forms, which some spreadsheets
 * fold to the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** What a spreadsheet may skip before it looks at the first character: white space and zero-width characters. */
const IGNORED_LEADING = /^[\s\u200B-\u200D\uFEFF]*/;

/** The UTF-8 byte-order mark: spreadsheets then read the file as UTF-8, not as the local code page. */
export const UTF8_BOM = '\uFEFF';

/** Whether a spreadsheet could read the text as a formula (or a tab / CR start hides one). */
export function looksLikeFormula(text: string): boolean {
  const leading = IGNORED_LEADING.exec(text)![0];
  return /[\t\r]/.test(leading) || FORMULA_START.test(text.slice(leading.length));
}

/** One RFC 4180 cell: formula starters neutralised with a leading `'`, quoted when needed, quotes doubled. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a UTF-8 byte-order mark, the header, then the rows, CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
