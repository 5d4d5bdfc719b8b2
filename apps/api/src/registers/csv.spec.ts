import { csvCell, looksLikeFormula, toCsv, UTF8_BOM } from './csv';

describe('CSV writer: formula neutralisation', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
  ])('prefixes a cell starting with a formula character: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['after leading spaces', '   =HYPERLINK("http://evil")', `"'   =HYPERLINK(""http://evil"")"`],
    ['after a no-break space', '\u00A0+1', "'\u00A0+1"],
    ['after a zero-width space', '\u200B=1', "'\u200B=1"],
    ['after a zero-width non-joiner', '\u200C-1', "'\u200C-1"],
    ['after a zero-width joiner', '\u200D@x', "'\u200D@x"],
    ['after a byte-order mark', '\uFEFF=1', "'\uFEFF=1"],
    ['after a mix of them', ' \u200B \uFEFF=cmd', "' \u200B \uFEFF=cmd"],
    ['a tab behind spaces', '  \tx', "'  \tx"],
    ['after a line break', '\n=1', `"'\n=1"`],
    ['full-width equals', '\uFF1D1+1', "'\uFF1D1+1"],
    ['full-width plus', '\uFF0B1', "'\uFF0B1"],
    ['full-width minus', '\uFF0D1', "'\uFF0D1"],
    ['full-width at', '\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ['full-width behind a zero-width space', '\u200B\uFF1D1', "'\u200B\uFF1D1"],
  ])('prefixes a formula %s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each(['A.2.2', 'plain text', '1-2', 'a=b', 'user@example.com', '', ' ', '\u200B', '１２'])(
    'leaves %j alone',
    (value) => {
      expect(looksLikeFormula(value)).toBe(false);
    },
  );

  it('neutralises numbers and nulls as their text', () => {
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell(7)).toBe('7');
    expect(csvCell(undefined)).toBe('');
  });

  it('starts every document with a UTF-8 byte-order mark and neutralises header and rows', () => {
    const csv = toCsv(['=h'], [[' =x'], ['ok']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe("\uFEFF'=h\r\n' =x\r\nok\r\n");
  });
});
