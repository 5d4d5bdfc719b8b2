/**
 * Checks an evidence upload's bytes against its declared MIME type, so an HTML page or an executable
 * cannot be stored as a "PDF" or an "image" and later handed to an auditor under that name. Magic
 * numbers for the binary types; for text types, valid UTF-8 without NUL bytes (and JSON that parses).
 */

interface Signature {
  /** What the bytes are, for the refusal message. */
  label: string;
  /** The MIME types these bytes may be declared as. */
  types: readonly string[];
  matches(bytes: Buffer): boolean;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');

const startsWith = (prefix: string | number[]) => {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : Buffer.from(prefix);
  return (bytes: Buffer) => bytes.subarray(0, expected.length).equals(expected);
};

/**
 * An OOXML package is a ZIP whose entries include `[Content_Types].xml` and the part folder of its
 * kind (`word/`, `xl/`); entry names are stored uncompressed in the local headers and the directory.
 */
const officePackage = (partFolder: string) => (bytes: Buffer) =>
  startsWith('PK\x03\x04')(bytes) &&
  bytes.includes('[Content_Types].xml', 0, 'latin1') &&
  bytes.includes(partFolder, 0, 'latin1');

/** Known contents, checked in order; the binary types the service accepts come first. */
const SIGNATURES: readonly Signature[] = [
  { label: 'a PDF document', types: ['application/pdf'], matches: startsWith('%PDF-') },
  {
    label: 'a PNG image',
    types: ['image/png'],
    matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { label: 'a JPEG image', types: ['image/jpeg'], matches: startsWith([0xff, 0xd8, 0xff]) },
  { label: 'a Word document (.docx)', types: [DOCX], matches: officePackage('word/') },
  { label: 'an Excel workbook (.xlsx)', types: [XLSX], matches: officePackage('xl/') },
  // Recognised only to say what a refused file is.
  { label: 'a GIF image', types: [], matches: startsWith('GIF8') },
  {
    label: 'a WebP image',
    types: [],
    matches: (bytes) => startsWith('RIFF')(bytes) && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    label: 'a legacy Office (OLE) file',
    types: [],
    matches: startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  },
  { label: 'a ZIP archive', types: [], matches: (bytes) => bytes.subarray(0, 4).equals(ZIP_LOCAL_HEADER) },
  { label: 'a Windows executable', types: [], matches: startsWith('MZ') },
  { label: 'an ELF executable', types: [], matches: startsWith('\x7fELF') },
  { label: 'a Mach-O executable', types: [], matches: startsWith([0xcf, 0xfa, 0xed, 0xfe]) },
  { label: 'a shell script', types: [], matches: startsWith('#!') },
];

/** Declared types whose content is text: UTF-8 without NUL bytes. */
const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'text/markdown', 'application/json']);
const HTML_START = /^\s*<(!doctype\s+html|html|head|body|script|svg|\?xml)[\s>]/i;

/** Why `bytes` are not a `mime` file (a sentence for the client), or null when they are. */
export function contentMismatch(mime: string, bytes: Buffer): string | null {
  const recognised = SIGNATURES.find((signature) => signature.matches(bytes));
  if (TEXT_TYPES.has(mime)) {
    if (recognised) return `The file is ${recognised.label}, not ${mime}.`;
    const text = decodeUtf8(bytes);
    if (text === null) return `The file is not ${mime}: it is not valid UTF-8 text.`;
    if (text.includes('\u0000')) return `The file is not ${mime}: text must not contain NUL bytes.`;
    // Text is text, but a page a browser would run has no business being stored as plain text either.
    if (HTML_START.test(text.slice(0, 1024))) return `The file is an HTML or XML document, not ${mime}.`;
    if (mime === 'application/json' && !parsesAsJson(text)) return 'The file is not valid JSON.';
    return null;
  }
  if (recognised?.types.includes(mime)) return null;
  const expected = SIGNATURES.find((signature) => signature.types.includes(mime));
  if (!expected) return `Files of type ${mime} cannot be checked.`; // an allowed type without a signature
  const actual = recognised ? recognised.label : looksLikeText(bytes) ? 'text' : 'of an unrecognised kind';
  return `The file's content does not match its declared type ${mime}: it is ${actual}, not ${expected.label}.`;
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function looksLikeText(bytes: Buffer): boolean {
  try {
    // `stream` tolerates a character cut in two at the end of the sample.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true });
    return !text.includes('\u0000');
  } catch {
    return false;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}
