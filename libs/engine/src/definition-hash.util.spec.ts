import { createHash } from 'node:crypto';
import { canonicalJson, definitionHash, sha256Hex } from './definition-hash.util';

describe('definitionHash', () => {
  it('gives the same hash whatever the key order, at every depth', () => {
    const a = {
      key: 'x',
      machine: { initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } },
    };
    const b = {
      machine: { states: { b: { type: 'final' }, a: { on: { GO: 'b' } } }, initial: 'a' },
      key: 'x',
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(definitionHash(a)).toBe(definitionHash(b));
  });

  it('changes when any content changes, including array order', () => {
    expect(definitionHash({ a: [1, 2] })).not.toBe(definitionHash({ a: [2, 1] }));
    expect(definitionHash({ a: 'x' })).not.toBe(definitionHash({ a: 'y' }));
  });

  it('is the SHA-256 of the canonical JSON (checked against node:crypto)', () => {
    const input = {
      name: 'Dokument – Prüfung ✓',
      list: [null, true, 1.5],
      nested: { z: 1, a: 'x'.repeat(200) },
    };
    const expected = createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
    expect(definitionHash(input)).toBe(expected);
  });

  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000)])(
    'matches node:crypto for a %#th message length edge case',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});
