/**
 * Linear-time `pattern` matching for the server. ajv runs every `pattern` and `patternProperties`
 * key through `re2RegExp` (its `code.regExp` option), which matches with re2js (a pure-JS port of
 * RE2: no backtracking, time linear in the input). The browser keeps its native RegExp, so a
 * pattern is only accepted when both engines give the same answer for every string.
 *
 * RE2 and ECMAScript spell several things differently or mean different things by the same
 * spelling (`.` and `\s` match different characters, `[]`/`[^]` differ, RE2 has no `\u`), so the
 * JavaScript pattern (unicode mode, the way ajv and RJSF compile it) is parsed and rewritten into an
 * RE2 pattern of identical meaning. Whatever the rewrite does not understand, and what RE2 cannot run
 * (back-references, lookaround, inline flags, lone surrogates), is refused with a reason.
 */
import { RE2JS } from 're2js';

export class PatternRefusal extends Error {}

type Range = readonly [number, number];

/** RE2 refuses larger repeat counts; saying so here gives a clearer reason than RE2's. */
export const MAX_REPEAT_COUNT = 1000;
const MAX_CODE_POINT = 0x10ffff;
const DIGIT: readonly Range[] = [[0x30, 0x39]];
const WORD: readonly Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** ECMAScript `\s`: WhiteSpace and LineTerminator (RE2's `\s` is only `[\t\n\f\r ]`). */
export const JS_WHITESPACE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** ECMAScript `.` without the `s` flag: anything but a line terminator (RE2's `.` only excludes `\n`). */
const JS_DOT = '[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]';
const GENERAL_CATEGORIES = /* @__PURE__ */ new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs'.split(
    ' ',
  ),
);

/** Returns why `pattern` cannot be a form pattern (invalid JavaScript, or not runnable by RE2), or null. */
export function findRe2Problem(pattern: string): string | null {
  try {
    toRe2Source(pattern);
    return null;
  } catch (error) {
    if (error instanceof PatternRefusal) return error.message;
    throw error;
  }
}

/** The RE2 pattern that matches exactly the strings `new RegExp(pattern, 'u')` matches; throws PatternRefusal. */
export function toRe2Source(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    throw new PatternRefusal(`not a valid regular expression: ${(error as Error).message}`);
  }
  const source = new PatternTranslator(pattern).translate();
  try {
    RE2JS.compile(source);
  } catch (error) {
    throw new PatternRefusal(`the linear-time engine (RE2) cannot run it: ${(error as Error).message}`);
  }
  return source;
}

interface Re2RegExpEngine {
  (pattern: string, flags: string): { test(input: string): boolean };
  code: string;
}

/** ajv's `code.regExp`: compiles with RE2 after the rewrite; ajv always passes the `u` flag. */
export const re2RegExp: Re2RegExpEngine = /* @__PURE__ */ Object.assign(
  (pattern: string, flags: string) => {
    if (flags !== 'u') throw new Error(`re2RegExp only supports the "u" flag, got ${JSON.stringify(flags)}`);
    return RE2JS.compile(toRe2Source(pattern));
  },
  { code: 'require("@aimsflow/form-schema/re2-pattern").re2RegExp' },
);

/** A character set as RE2 class text (without brackets) or a property escape. */
type ClassPiece = string;

class PatternTranslator {
  private readonly chars: string[];
  private index = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  translate(): string {
    const result = this.disjunction();
    if (this.index < this.chars.length) throw new PatternRefusal(`unexpected ${this.peek()}`);
    return result;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.index + offset];
  }

  private next(): string {
    const char = this.chars[this.index++];
    if (char === undefined) throw new PatternRefusal('the pattern ends unexpectedly');
    return char;
  }

  private startsWith(text: string): boolean {
    return this.chars.slice(this.index, this.index + text.length).join('') === text;
  }

  private disjunction(): string {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.index++;
      alternatives.push(this.alternative());
    }
    return alternatives.join('|');
  }

  private alternative(): string {
    let out = '';
    while (this.index < this.chars.length && this.peek() !== '|' && this.peek() !== ')') out += this.term();
    return out;
  }

  private term(): string {
    const char = this.peek();
    if (char === '^' || char === '$') {
      this.index++;
      return char;
    }
    if (char === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      // Both engines' word boundary is ASCII-only here (no `i` flag), so the spelling carries over.
      this.index += 2;
      return `\\${this.chars[this.index - 1]}`;
    }
    return this.atom() + this.quantifier();
  }

  private quantifier(): string {
    const char = this.peek();
    let out: string;
    if (char === '*' || char === '+' || char === '?') {
      this.index++;
      out = char;
    } else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.index, this.index + 24).join(''));
      if (!match) return '';
      for (const count of [match[1], match[3]]) {
        if (count && Number(count) > MAX_REPEAT_COUNT) {
          throw new PatternRefusal(`repeat counts above ${MAX_REPEAT_COUNT} are not supported`);
        }
      }
      this.index += match[0].length;
      out = match[0];
    } else return '';
    if (this.peek() === '?') {
      this.index++;
      out += '?';
    }
    return out;
  }

  private atom(): string {
    const char = this.next();
    switch (char) {
      case '.':
        return JS_DOT;
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\': {
        const escape = this.escape(false);
        return typeof escape === 'number' ? literal(escape) : `[${escape}]`;
      }
      default:
        return literal(codePointOf(char));
    }
  }

  private group(): string {
    if (this.startsWith('?=') || this.startsWith('?!') || this.startsWith('?<=') || this.startsWith('?<!')) {
      throw new PatternRefusal('lookahead and lookbehind are not supported by the linear-time engine (RE2)');
    }
    if (this.startsWith('?:')) this.index += 2;
    else if (this.startsWith('?<')) {
      while (this.peek() !== undefined && this.peek() !== '>') this.index++;
      this.index++;
    } else if (this.peek() === '?') {
      throw new PatternRefusal('inline flags and modifiers ("(?i)", "(?m:…)") are not supported');
    }
    // Groups only group: `test` never reads captures, so every group becomes non-capturing.
    const inner = this.disjunction();
    if (this.next() !== ')') throw new PatternRefusal('missing ")"');
    return `(?:${inner})`;
  }

  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.index++;
    const pieces: ClassPiece[] = [];
    while (this.peek() !== ']') {
      const start = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.index++;
        const end = this.classAtom();
        if (typeof start !== 'number' || typeof end !== 'number') {
          throw new PatternRefusal('a class escape cannot bound a range');
        }
        pieces.push(classBody([[start, end]]));
      } else pieces.push(typeof start === 'number' ? classBody([[start, start]]) : start);
    }
    this.index++; // ]
    // ECMAScript `[]` matches nothing and `[^]` anything; RE2 reads both differently.
    if (pieces.length === 0)
      return negated ? `[${classBody([[0, MAX_CODE_POINT]])}]` : `[^${classBody([[0, MAX_CODE_POINT]])}]`;
    return `[${negated ? '^' : ''}${pieces.join('')}]`;
  }

  private classAtom(): number | ClassPiece {
    const char = this.next();
    if (char !== '\\') return codePointOf(char);
    return this.escape(true);
  }

  /** After a backslash: a code point, or class text for `\d`, `\s`, `\p{…}` and the like. */
  private escape(inClass: boolean): number | ClassPiece {
    const char = this.next();
    switch (char) {
      case 'd':
        return classBody(DIGIT);
      case 'D':
        return classBody(complement(DIGIT));
      case 'w':
        return classBody(WORD);
      case 'W':
        return classBody(complement(WORD));
      case 's':
        return classBody(JS_WHITESPACE);
      case 'S':
        return classBody(complement(JS_WHITESPACE));
      case 'p':
      case 'P':
        return this.property(char === 'P');
      case 'f':
        return 0x0c;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'v':
        return 0x0b;
      case 'b':
        if (inClass) return 0x08;
        break;
      case 'c':
        return codePointOf(this.next()) % 32;
      case '0':
        return 0;
      case 'k':
        throw new PatternRefusal('back-references are not supported by the linear-time engine (RE2)');
      case 'x':
        return parseInt(this.next() + this.next(), 16);
      case 'u':
        return this.unicodeEscape();
      default:
        if (/[1-9]/.test(char)) {
          throw new PatternRefusal('back-references are not supported by the linear-time engine (RE2)');
        }
        return codePointOf(char); // an escaped syntax character, `/` or (in a class) `-`
    }
    throw new PatternRefusal(`unsupported escape \\${char}`);
  }

  private unicodeEscape(): number {
    if (this.peek() === '{') {
      this.index++;
      let digits = '';
      while (this.peek() !== '}') digits += this.next();
      this.index++;
      return checkNotSurrogate(parseInt(digits, 16));
    }
    const unit = parseInt(this.next() + this.next() + this.next() + this.next(), 16);
    // In unicode mode a `\uD83D\uDE00` pair is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && this.startsWith('\\u')) {
      const trail = parseInt(this.chars.slice(this.index + 2, this.index + 6).join(''), 16);
      if (trail >= 0xdc00 && trail <= 0xdfff) {
        this.index += 6;
        return 0x10000 + ((unit - 0xd800) << 10) + (trail - 0xdc00);
      }
    }
    return checkNotSurrogate(unit);
  }

  private property(negated: boolean): ClassPiece {
    if (this.next() !== '{') throw new PatternRefusal('\\p needs a {name}');
    let name = '';
    while (this.peek() !== '}') name += this.next();
    this.index++;
    const [key, value] = name.includes('=') ? name.split('=') : [undefined, name];
    let re2Name: string | null = null;
    if ((key === undefined || key === 'gc' || key === 'General_Category') && GENERAL_CATEGORIES.has(value)) {
      re2Name = value;
    } else if (key === undefined && value === 'Any') re2Name = 'Any';
    else if (key === 'sc' || key === 'Script')
      re2Name = /^[A-Z][a-z]+(_[A-Z][a-z]+)*$/.test(value) ? value : null;
    if (key === undefined && value === 'ASCII')
      return classBody(negated ? complement([[0, 0x7f]]) : [[0, 0x7f]]);
    if (!re2Name) {
      throw new PatternRefusal(
        `\\p{${name}} is not supported: use a short general category (\\p{L}, \\p{Nd}…) or \\p{Script=Latin}`,
      );
    }
    try {
      RE2JS.compile(`\\p{${re2Name}}`);
    } catch {
      throw new PatternRefusal(`\\p{${name}} is not supported by the linear-time engine (RE2)`);
    }
    return `\\${negated ? 'P' : 'p'}{${re2Name}}`;
  }
}

function codePointOf(char: string): number {
  return checkNotSurrogate(char.codePointAt(0)!);
}

function checkNotSurrogate(codePoint: number): number {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
    throw new PatternRefusal('lone surrogates are not supported in patterns');
  }
  if (!(codePoint >= 0 && codePoint <= MAX_CODE_POINT)) throw new PatternRefusal('invalid code point');
  return codePoint;
}

function literal(codePoint: number): string {
  return /[A-Za-z0-9]/.test(String.fromCodePoint(codePoint))
    ? String.fromCodePoint(codePoint)
    : hex(codePoint);
}

function hex(codePoint: number): string {
  return `\\x{${codePoint.toString(16)}}`;
}

function classBody(ranges: readonly Range[]): string {
  return ranges.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
}

function complement(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) result.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}
