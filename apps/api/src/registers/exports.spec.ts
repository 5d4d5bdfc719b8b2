import { csvCell, toCsv } from './csv';
import { renderPdfTable } from './pdf-writer';

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

  it('writes a PDF with a valid cross-reference table, across pages', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`A.${i}`, `Control (${i}) \\ – “quoted”`]);
    const pdf = renderPdfTable({
      title: 'SoA',
      columns: [
        { header: 'Id', width: 60 },
        { header: 'Title', width: 300 },
      ],
      rows,
    }).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    const pages = Number(/\/Count (\d+)/.exec(pdf)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(pdf).toContain('(Control \\(5\\) \\\\ - "quoted") Tj');
    // Every xref offset points at the start of its object.
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) =>
      expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`),
    );
  });
});
