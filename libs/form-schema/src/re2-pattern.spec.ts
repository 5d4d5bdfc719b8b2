import { RE2JS } from 're2js';
import { findRe2Problem, JS_WHITESPACE, re2RegExp, toRe2Source } from './re2-pattern';

/** Patterns the rewrite must carry over with exactly the browser's meaning. */
// Inputs stay short: the browser engine backtracks on some of these patterns.
const AGREEING_PATTERNS = [
  '^.$',
  '^.+$',
  '^\\s+$',
  '^\\S$',
  '^[\\s\\S]$',
  '[]',
  '[^]',
  '^[^a]$',
  '^[^\\d\\s]+$',
  '\\bfoo\\b',
  '\\Bo',
  'a$',
  '^$',
  '^\\p{L}+$',
  '^\\P{L}$',
  '^[\\p{Lu}\\d]+$',
  '^\\p{Nd}{2}$',
  '^\\p{Script=Greek}+$',
  '^\\p{sc=Latin}+$',
  '^\\p{gc=Zs}$',
  '^\\p{Any}$',
  '^\\p{ASCII}+$',
  '^\\P{ASCII}$',
  '\\u{1F600}',
  '^\\uD83D\\uDE00$',
  '^[😀-😂]+$',
  '^[\\s-]+$',
  '^\\w+$',
  '^\\W$',
  '^\\D$',
  '\\cJ',
  '\\0',
  '^[\\b]$',
  '\\/',
  '^\\x41$',
  '\\v',
  '^[^\\s]$',
  '^[a-z0-9._%+-]+@[a-z]+\\.[a-z]{2,}$',
  '(?<year>\\d{4})-(\\d{2})',
  '^(a|b)*c$',
  '^(?:ab){2,3}$',
  '^a{0,2}?b',
  '^[\\^\\]\\[\\-]+$',
  '^\\$\\.\\*\\+\\?\\(\\)\\{\\}\\|$',
  '^é+$',
  '^[à-ÿ]+$',
  'Ω',
  '.*.*.*x',
  '^[a-z]*[a-z]*[a-z]*!$',
  '^(a+)+$',
  '^A\\.[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
  '^[a-f0-9]{4}$',
  '',
  '|',
  'a|',
];

const ALPHABET = [
  'a',
  'b',
  'c',
  'x',
  'A',
  'é',
  'Ω',
  'α',
  '0',
  '9',
  '_',
  '-',
  '.',
  '!',
  '@',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u3000',
  '\u0000',
  '\b',
  '😀',
  '😁',
  '😃',
  '\ud800',
  '\udc00',
  '\u0301',
  '/',
  '$',
  '^',
  '[',
  ']',
];

/** A fixed pseudo-random sequence, so a failure reproduces. */
function* randomStrings(count: number, seed = 42): Generator<string> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    const length = Math.floor(random() * 8);
    let text = '';
    for (let j = 0; j < length; j++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    yield text;
  }
}

const CURATED_INPUTS = [
  '',
  'foo',
  'a foo b',
  'a\n',
  'ΑΒΓ',
  'AB12',
  'x@y.com',
  '2024-05',
  'ababc',
  'abab',
  'ababab',
  'b',
  'aab',
  'A.6.2.4',
  'aaaa',
  'f00d',
  'éé',
  '^][-',
  '$.*+?(){}|',
  '😀😁',
];

describe('toRe2Source', () => {
  const inputs = [...CURATED_INPUTS, ...ALPHABET, ...randomStrings(400)];

  it.each(AGREEING_PATTERNS)('%j means the same to RE2 as to the browser’s RegExp', (pattern) => {
    const re2 = RE2JS.compile(toRe2Source(pattern));
    const browser = new RegExp(pattern, 'u');
    const disagreements = inputs.filter((input) => re2.test(input) !== browser.test(input));
    expect(disagreements).toEqual([]);
  });

  it('knows ECMAScript’s whitespace exactly (all of the BMP, checked against the engine)', () => {
    const expected: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (/\s/u.test(String.fromCharCode(code))) expected.push(code);
    const listed = JS_WHITESPACE.flatMap(([from, to]) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i),
    );
    expect(listed).toEqual(expected);
  });

  it.each([
    ['a(?=b)', 'lookahead and lookbehind'],
    ['a(?!b)', 'lookahead and lookbehind'],
    ['(?<=a)b', 'lookahead and lookbehind'],
    ['(?<!a)b', 'lookahead and lookbehind'],
    ['(a)\\1', 'back-references'],
    ['(?<q>a)\\k<q>', 'back-references'],
    ['a{1001}', 'repeat counts above 1000'],
    ['a{2,5000}', 'repeat counts above 1000'],
    ['\\p{Letter}', 'is not supported'],
    ['\\p{Script_Extensions=Greek}', 'is not supported'],
    ['\\p{Emoji}', 'is not supported'],
    ['\\ud800', 'lone surrogates'],
    ['[', 'not a valid regular expression'],
    ['a{', 'not a valid regular expression'],
    ['\\q', 'not a valid regular expression'],
    ['(?i)a', 'not a valid regular expression'],
    ['(a{100}){100}', 'RE2'],
  ])('refuses %j (%s)', (pattern, reason) => {
    expect(findRe2Problem(pattern)).toContain(reason);
  });

  it('is what ajv calls: linear time where the browser backtracks', () => {
    const regExp = re2RegExp('^(a+)+$', 'u');
    const started = performance.now();
    expect(regExp.test(`${'a'.repeat(20_000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => re2RegExp('a', '')).toThrow('only supports the "u" flag');
  });
});
