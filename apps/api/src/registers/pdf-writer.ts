/**
 * A deliberately small PDF 1.4 writer for tabular registers: text only, the standard Helvetica
 * fonts (no embedding), landscape A4, as many pages as the rows need. Enough for an auditor's
 * printout without a PDF dependency.
 */
export interface PdfColumn {
  header: string;
  /** Width in points. */
  width: number;
}

export interface PdfTable {
  title: string;
  subtitle?: string;
  columns: PdfColumn[];
  rows: string[][];
}

const PAGE_WIDTH = 842;
const PAGE_HEIGHT = 595;
const MARGIN = 36;
const FONT_SIZE = 8;
const LINE_HEIGHT = 10;
const MAX_LINES_PER_CELL = 4;

/** Renders the table as a complete PDF file. */
export function renderPdfTable(table: PdfTable): Buffer {
  const pages = layoutPages(table);
  const objects: string[] = [];
  // 1 catalog, 2 pages, 3 regular font, 4 bold font, then a page and its content per page.
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  pages.forEach((content, i) => {
    const pageId = pageIds[i];
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] =
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function layoutPages(table: PdfTable): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = 0;
  const startPage = () => {
    ops = [];
    y = PAGE_HEIGHT - MARGIN;
    text(ops, 'F2', 14, MARGIN, y, table.title);
    y -= 16;
    if (table.subtitle) {
      text(ops, 'F1', 9, MARGIN, y, table.subtitle);
      y -= 14;
    }
    y -= 4;
    drawRow(
      table.columns.map((c) => [c.header]),
      'F2',
    );
    ops.push(`${MARGIN} ${y + LINE_HEIGHT - 2} m ${PAGE_WIDTH - MARGIN} ${y + LINE_HEIGHT - 2} l S`);
  };
  const drawRow = (cells: string[][], font: 'F1' | 'F2') => {
    let x = MARGIN;
    cells.forEach((lines, i) => {
      lines.forEach((line, n) => text(ops, font, FONT_SIZE, x, y - n * LINE_HEIGHT, line));
      x += table.columns[i].width;
    });
    y -= Math.max(1, ...cells.map((l) => l.length)) * LINE_HEIGHT + 4;
  };
  const finishPage = () => {
    text(ops, 'F1', 7, MARGIN, MARGIN / 2, `Page ${pages.length + 1}`);
    pages.push(ops.join('\n'));
  };

  startPage();
  for (const row of table.rows) {
    const cells = row.map((value, i) => wrap(value, table.columns[i].width - 6));
    const height = Math.max(1, ...cells.map((l) => l.length)) * LINE_HEIGHT + 4;
    if (y - height < MARGIN) {
      finishPage();
      startPage();
    }
    drawRow(cells, 'F1');
  }
  finishPage();
  return pages;
}

function text(ops: string[], font: 'F1' | 'F2', size: number, x: number, y: number, value: string): void {
  ops.push(`BT /${font} ${size} Tf ${x} ${y} Td (${escapePdf(value)}) Tj ET`);
}

/** Splits a cell into at most a few lines that fit the column (Helvetica averages about half an em per character). */
function wrap(value: string, width: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (FONT_SIZE * 0.5)));
  const words = toLatin1(value).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > perLine ? `${word.slice(0, perLine - 1)}-` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > MAX_LINES_PER_CELL) {
    lines.length = MAX_LINES_PER_CELL;
    lines[MAX_LINES_PER_CELL - 1] = `${lines[MAX_LINES_PER_CELL - 1].slice(0, perLine - 3)}...`;
  }
  return lines.length ? lines : [''];
}

/** WinAnsi-safe text: common typographic characters mapped, anything else outside Latin-1 replaced. */
function toLatin1(value: string): string {
  return value
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function escapePdf(value: string): string {
  return toLatin1(value).replace(/[\\()]/g, (c) => `\\${c}`);
}
