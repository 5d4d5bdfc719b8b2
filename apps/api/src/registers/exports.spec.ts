import { itWithPdftotext, pdfText } from '../testing/pdf-text';
import { csvCell, toCsv } from './csv';
import { canonicalJson, contentSha256, renderRegisterPdf } from './pdf-report';

const withPdftotext = itWithPdftotext();

describe('SoA exports', () => {
  it('quotes cells with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('A.2.2')).toBe('A.2.2');
  });
});

describe('register PDFs', () => {
  const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
  const rows = Array.from({ length: 120 }, (_, i) => [
    `A.${i}`,
    `Control (${i}) \\ – “quoted”`,
    i === 7 ? `Łódź Ğüşö 日本 ${words.join(' ')}` : 'short',
  ]);
  const report = {
    title: 'Statement of Applicability – Zażółć gęślą jaźń',
    columns: [{ header: 'Id', width: 40 }, { header: 'Title', width: 200 }, { header: 'Justification' }],
    rows,
    meta: {
      register: 'soa',
      version: 3,
      approvedBy: 'İlkay Şahin',
      approvedAt: new Date('2026-11-02T10:30:00Z'),
    },
  };

  it('hashes the canonical JSON of the content: equal content, equal hash', () => {
    expect(canonicalJson({ b: [1, 'x'], a: null })).toBe('{"a":null,"b":[1,"x"]}');
    // NFC: a precomposed and a decomposed "ó" are the same content.
    expect(contentSha256([['\u00f3']])).toBe(contentSha256([['o\u0301']]));
    expect(contentSha256(rows)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentSha256(rows)).not.toBe(contentSha256(rows.slice(1)));
  });

  it('writes a PDF with embedded, subsetted fonts, across pages', async () => {
    const pdf = await renderRegisterPdf(report);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    // Subsetted: far smaller than the 5 MB CJK font it embeds from.
    expect(pdf.length).toBeLessThan(300_000);
  });

  withPdftotext(
    'renders Polish, Turkish and CJK text, wraps long cells whole, header and "page x of y"',
    async () => {
      const text = pdfText(await renderRegisterPdf(report));
      expect(text).toContain('Statement of Applicability – Zażółć gęślą jaźń');
      expect(text).toContain('Łódź Ğüşö 日本');
      expect(text).toContain('Approved by İlkay Şahin on 2026-11-02 10:30 UTC');
      expect(text).toContain('Version 3');
      expect(text).toContain(contentSha256(rows));
      for (const word of words) expect(text).toMatch(new RegExp(`\\b${word}\\b`));
      for (let i = 0; i < rows.length; i++) expect(text).toContain(`A.${i}`);
      const pages = Number(/page 1 of (\d+)/.exec(text)?.[1]);
      expect(pages).toBeGreaterThan(1);
      expect(text).toContain(`page ${pages} of ${pages}`);
      // The header row repeats on every page.
      expect(text.match(/Justification/g)?.length).toBe(pages);
    },
  );

  withPdftotext('breaks a word wider than its column instead of cutting it', async () => {
    const long = 'x'.repeat(400);
    const text = pdfText(
      await renderRegisterPdf({
        title: 'Long',
        columns: [
          { header: 'A', width: 1 },
          { header: 'B', width: 9 },
        ],
        rows: [[long, 'b']],
        meta: { register: 'test', approvedAt: null },
      }),
    );
    expect(text.replace(/\s+/g, '')).toContain(long);
    expect(text).toContain('Not yet approved');
  });

  withPdftotext(
    'keeps line breaks, prints tabs as spaces, drops control characters and renders an empty register',
    async () => {
      const text = pdfText(
        await renderRegisterPdf({
          title: 'Odd cells',
          columns: [{ header: 'A' }, { header: 'B' }],
          rows: [['first line\r\nsecond\tline', 'bell\u0007less']],
          meta: { register: 'test' },
        }),
      );
      expect(text).toMatch(/first line\nsecond +line/);
      expect(text).toContain('bellless');
      const empty = pdfText(
        await renderRegisterPdf({
          title: 'Empty',
          columns: [{ header: 'Only' }],
          rows: [],
          meta: { register: 'none' },
        }),
      );
      expect(empty).toContain('Only');
      expect(empty).toContain(`Content SHA-256 ${contentSha256([])} (register none)`);
      expect(empty).toMatch(/Records\s+0/);
      expect(empty).toContain('page 1 of 1');
    },
  );
});
