import { createHash } from 'node:crypto';
import type { Content, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces';

type PdfMake = typeof import('pdfmake');

/**
 * Registers as printable PDFs for auditors (pdfmake): landscape A4, a header block saying what
 * the register is, which version and who approved it, a table whose header row repeats on every
 * page and whose cells wrap (a word wider than its column is broken, text is never cut), and
 * "page x of y" at the foot.
 *
 * Fonts are embedded (pdfmake subsets them to the glyphs used): Noto Sans for Latin (with Latin
 * Extended: Polish, Turkish, Czech…), Greek and Cyrillic, and Noto Sans JP for Han, kana and
 * full-width forms. pdfmake does not fall back per glyph, so {@link runs} splits each text into
 * runs of one font or the other.
 */
export interface PdfReportColumn {
  header: string;
  /** Relative width (the widths are scaled to fill the page); columns without one share what is left. */
  width?: number;
}

export interface PdfReportMeta {
  /** The register's key (`soa`, `risks`, …), printed beside the SHA-256. */
  register: string;
  organization?: string;
  /** The document's version; omitted when the register is not a versioned document. */
  version?: number | string | null;
  /** Who approved it, when known. */
  approvedBy?: string | null;
  /** When it was approved; `null` prints "not yet approved", `undefined` prints no approval line. */
  approvedAt?: Date | string | null;
  /** The SHA-256 of the content; computed from the rows ({@link contentSha256}) when omitted. */
  contentSha256?: string;
  /** Defaults to now. */
  generatedAt?: Date;
}

export interface PdfReport {
  title: string;
  subtitle?: string;
  columns: PdfReportColumn[];
  rows: string[][];
  meta: PdfReportMeta;
}

const FONT_FILES = {
  NotoSans: {
    normal: fontFile('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
    bold: fontFile('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  },
  NotoSansJP: {
    normal: fontFile('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
    bold: fontFile('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
  },
};
const ALLOWED_FILES = new Set(Object.values(FONT_FILES).flatMap((f) => [f.normal, f.bold]));

/** Characters Noto Sans lacks and Noto Sans JP has: CJK ideographs, kana, CJK punctuation, full-width forms. */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u3190-\u31ff\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;

const PAGE_MARGIN = 28;
const FONT_SIZE = 7.5;

let loaded: PdfMake | undefined;
/**
 * pdfmake (with pdfkit and fontkit, about 27 MB resident) is loaded on the first PDF, not at start.
 * Its entry exports an instance whose methods are on its prototype, which `import * as` would lose.
 */
function pdfmakeEngine(): PdfMake {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  const pdfmake = require('pdfmake') as PdfMake;
  // Only our own font files from the disk, nothing from the network.
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));
  pdfmake.setUrlAccessPolicy(() => false);
  loaded = pdfmake;
  return pdfmake;
}

/** The hash auditors compare: SHA-256 of the canonical JSON of the rows, so equal content hashes equally. */
export function contentSha256(rows: unknown): string {
  return createHash('sha256').update(canonicalJson(rows)).digest('hex');
}

/** JSON with object keys sorted and strings in Unicode NFC, so the same content always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(String(value));
}

/** The text as runs of one font each: Noto Sans, with CJK characters in Noto Sans JP. */
export function runs(raw: string): Content {
  const text = printable(raw);
  if (!CJK.test(text)) return text;
  const out: Array<{ text: string; font?: string }> = [];
  for (const char of text) {
    const font = CJK.test(char) ? 'NotoSansJP' : undefined;
    const last = out[out.length - 1];
    if (last && last.font === font) last.text += char;
    else out.push(font ? { text: char, font } : { text: char });
  }
  return { text: out };
}

/** Renders the register as a PDF. */
export async function renderRegisterPdf(report: PdfReport): Promise<Buffer> {
  const { title, subtitle, columns, rows, meta } = report;
  const generatedAt = meta.generatedAt ?? new Date();
  const sha = meta.contentSha256 ?? contentSha256(rows);
  const facts: Array<[string, string]> = [];
  if (meta.organization) facts.push(['Organisation', meta.organization]);
  if (meta.version !== undefined) facts.push(['Version', meta.version === null ? '–' : String(meta.version)]);
  if (meta.approvedAt !== undefined)
    facts.push([
      'Approval',
      meta.approvedAt === null
        ? 'Not yet approved'
        : `Approved${meta.approvedBy ? ` by ${meta.approvedBy}` : ''} on ${timestamp(meta.approvedAt)}`,
    ]);
  facts.push(['Records', String(rows.length)]);
  facts.push(['Generated', timestamp(generatedAt)]);
  facts.push(['Content SHA-256', `${sha} (register ${meta.register})`]);

  const widths = columnWidths(columns);
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [PAGE_MARGIN, PAGE_MARGIN + 8, PAGE_MARGIN, PAGE_MARGIN],
    info: {
      title: title,
      subject: subtitle,
      creator: 'Aimsflow',
      producer: 'Aimsflow',
      keywords: `sha256:${sha}`,
      creationDate: generatedAt,
      modDate: generatedAt,
    },
    defaultStyle: { font: 'NotoSans', fontSize: FONT_SIZE, lineHeight: 1.15 },
    header: (page) =>
      page === 1
        ? null
        : {
            margin: [PAGE_MARGIN, 14, PAGE_MARGIN, 0],
            fontSize: 6.5,
            color: '#555555',
            columns: [
              { text: runs(title) as never, width: '*' },
              { text: `SHA-256 ${sha.slice(0, 16)}…`, width: 'auto' },
            ],
          },
    footer: (page, pages) => ({
      margin: [PAGE_MARGIN, 8, PAGE_MARGIN, 0],
      fontSize: 6.5,
      color: '#555555',
      columns: [
        { text: `Generated ${timestamp(generatedAt)}`, width: '*' },
        { text: `page ${page} of ${pages}`, width: 'auto' },
      ],
    }),
    content: [
      { text: runs(title), fontSize: 13, bold: true, margin: [0, 0, 0, 2] },
      ...(subtitle ? [{ text: runs(subtitle), fontSize: 8, color: '#333333', margin: [0, 0, 0, 4] }] : []),
      {
        table: {
          widths: ['auto', '*'],
          body: facts.map(([label, value]) => [
            { text: label, bold: true, color: '#333333' },
            { text: runs(value) },
          ]),
        },
        layout: 'noBorders',
        fontSize: 7.5,
        margin: [0, 0, 0, 8],
      } as Content,
      {
        table: {
          headerRows: 1,
          widths,
          body: [
            columns.map((c) => ({ text: runs(c.header), bold: true, fillColor: '#e8ecf1' })),
            ...rows.map((row) => columns.map((_, i) => ({ text: runs(row[i] ?? '') }))),
          ],
        },
        layout: TABLE_LAYOUT,
      } as Content,
    ] as Content[],
  };
  const pdfmake = pdfmakeEngine();
  pdfmake.setFonts(structuredClone(FONT_FILES));
  return pdfmake.createPdf(doc).getBuffer();
}

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.4,
  vLineWidth: () => 0.4,
  hLineColor: () => '#9aa5b1',
  vLineColor: () => '#9aa5b1',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** Relative widths as percentages of the page width; columns without one share what the others leave. */
function columnWidths(columns: PdfReportColumn[]): string[] {
  const given = columns.filter((c) => c.width && c.width > 0);
  const free = columns.length - given.length;
  const givenTotal = given.reduce((sum, c) => sum + c.width!, 0);
  // With no widths at all every column gets an equal share; otherwise a free column gets the mean width.
  const share = given.length ? givenTotal / given.length : 1;
  const total = givenTotal + free * share;
  return columns.map(
    (c) =>
      `${(Math.floor(((c.width && c.width > 0 ? c.width : share) / total) * 100 * 100) / 100).toFixed(2)}%`,
  );
}

/** Line breaks kept (as \\n), tabs as spaces, other control characters (no glyph in any font) dropped. */
function printable(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

function timestamp(value: Date | string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? String(value)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function fontFile(path: string): string {
  return require.resolve(path);
}
