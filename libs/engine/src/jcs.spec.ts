import { jcs, toJsonValue } from './jcs';

describe('jcs (RFC 8785)', () => {
  it('sorts members by UTF-16 code units and writes no whitespace', () => {
    // RFC 8785 §3.2.3's sorting example: "\u20ac" (€) sorts after "\r" and before "\ud83d\ude00".
    const value = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '\ud83d\ude00': 'smiley',
      '1': 'one',
      a: [3, { z: 1, b: 2 }],
    };
    expect(jcs(value)).toBe('{"\\r":"CR","1":"one","a":[3,{"b":2,"z":1}],"€":"Euro","😀":"smiley"}');
  });

  it('writes numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(jcs([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 100])).toBe(
      '[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,100]',
    );
  });

  it('hashes a Date as the ISO string that is stored, not as {}', () => {
    const due = new Date('2026-12-03T10:00:00.000Z');
    expect(jcs({ dueAt: due })).toBe('{"dueAt":"2026-12-03T10:00:00.000Z"}');
    expect(jcs({ dueAt: due })).toBe(jcs(toJsonValue({ dueAt: due })));
  });

  it('drops undefined members and writes undefined array items as null, as JSON does', () => {
    expect(jcs({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(jcs(undefined)).toBe('null');
  });

  it('refuses a lone surrogate (I-JSON)', () => {
    expect(() => jcs({ a: '\ud800x' })).toThrow(/lone/);
    expect(jcs('\ud83d\ude00')).toBe('"😀"');
  });
});
