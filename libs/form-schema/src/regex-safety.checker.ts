/**
 * A small, deliberately conservative detector for regular expressions that can backtrack
 * catastrophically (ReDoS). It refuses when in doubt: form designers rarely need clever patterns,
 * and a refused pattern is an inconvenience while an accepted bad one can stall the API.
 *
 * Refused:
 * - a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that contains a variable quantifier
 *   (`(a+)+`, `(.*)*`, `(\w+\s?)+`), unless every iteration starts with a fixed delimiter that
 *   nothing else in the group can match (`(-[a-z0-9]+)*` and `(\.\d+){1,2}` are fine);
 * - inside a repeated group, an alternation whose branches can start with the same character or
 *   match the empty string (`(a|a)*`, `(a|ab)+`, `(x|)*`);
 * - back-references (`\1`, `\k<name>`), which defeat any simple analysis;
 * - three or more unbounded repetitions in a row that can match the same characters, with nothing
 *   between them they cannot match (`.*.*.*x`, `\d+\d+\d+$`): polynomial backtracking, a frozen
 *   browser tab on a few dozen characters at degree 8. The server runs patterns on RE2 and is not
 *   affected, but the browser validates with its own backtracking RegExp.
 */

type CharSet =
  | { kind: 'any' }
  | { kind: 'chars'; chars: ReadonlySet<string> }
  /** Every character but these (a negated class). */
  | { kind: 'not'; chars: ReadonlySet<string> };

interface Quantifier {
  min: number;
  max: number;
}

interface AtomNode {
  type: 'atom';
  first: CharSet;
  quant: Quantifier;
}

interface GroupNode {
  type: 'group';
  alternatives: RegexNode[][];
  quant: Quantifier;
  lookaround: boolean;
}

type RegexNode = AtomNode | GroupNode;

const ONCE: Quantifier = { min: 1, max: 1 };
const SIMPLE_QUANTIFIERS: Readonly<Record<string, Quantifier>> = {
  '*': { min: 0, max: Infinity },
  '+': { min: 1, max: Infinity },
  '?': { min: 0, max: 1 },
};
const ANY: CharSet = { kind: 'any' };
const DIGITS = charsOf('0123456789');
const WORD = charsOf('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_');
const SPACE = charsOf(' \t\n\r\v\f\u00a0\ufeff');

class Hazard extends Error {}

/** Returns why `pattern` is unsafe or invalid as a JSON Schema `pattern` (unicode mode), or null when it is acceptable. */
export function findRegexHazard(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  try {
    const root = new RegexParser(pattern).parse();
    root.alternatives.forEach(checkSequence);
    checkNodes(root.alternatives.flat());
    return null;
  } catch (error) {
    if (error instanceof Hazard) return error.message;
    throw error;
  }
}

/** Unbounded repetitions over overlapping characters allowed in a row (polynomial degree). */
const MAX_OVERLAPPING_REPETITIONS = 2;

function checkNodes(nodes: RegexNode[]): void {
  for (const node of nodes) {
    if (node.type !== 'group') continue;
    if (node.quant.max > 1) checkRepeatedGroup(node);
    if (!node.lookaround) node.alternatives.forEach(checkSequence);
    checkNodes(node.alternatives.flat());
  }
}

/** Counts consecutive unbounded repetitions that can trade characters with each other. */
function checkSequence(sequence: RegexNode[]): void {
  let chain: CharSet | null = null;
  let length = 0;
  for (const node of sequence) {
    if (node.type === 'group' && node.lookaround) continue;
    const chars = charsOfNode(node);
    // A group that repeats something inside can match any length, like a repetition.
    const unbounded =
      node.quant.max === Infinity || descendants(node).some((child) => child.quant.max === Infinity);
    if (unbounded) {
      if (chain && overlaps(chain, chars)) {
        chain = union(chain, chars);
        length++;
      } else {
        chain = chars;
        length = 1;
      }
      if (length > MAX_OVERLAPPING_REPETITIONS) {
        throw new Hazard(
          'several unbounded repetitions in a row over the same characters backtrack polynomially: separate them with a character they cannot match',
        );
      }
    } else if (node.quant.min >= 1 && chain && !overlaps(chain, chars)) {
      chain = null; // a required character the repetitions cannot match separates them
      length = 0;
    }
  }
}

/** Every character a node can match (for a group: anything any of its atoms can match). */
function charsOfNode(node: RegexNode): CharSet {
  if (node.type === 'atom') return node.first;
  return descendants(node).reduce<CharSet>(
    (acc, child) => (child.type === 'atom' ? union(acc, child.first) : acc),
    { kind: 'chars', chars: new Set() },
  );
}

function checkRepeatedGroup(group: GroupNode): void {
  const inner = descendants(group);
  if (inner.some((node) => node.quant.min !== node.quant.max) && !isDelimited(group)) {
    throw new Hazard('nested quantifier inside a repeated group can backtrack catastrophically');
  }
  for (const alternation of [group, ...inner]) {
    if (alternation.type !== 'group' || alternation.alternatives.length < 2) continue;
    const starts = alternation.alternatives.map(firstOfSequence);
    if (starts.some((start) => start.nullable)) {
      throw new Hazard(
        'an alternative that can match nothing inside a repeated group can backtrack catastrophically',
      );
    }
    for (let i = 0; i < starts.length; i++) {
      for (let j = i + 1; j < starts.length; j++) {
        if (overlaps(starts[i].set, starts[j].set)) {
          throw new Hazard('overlapping alternatives inside a repeated group can backtrack catastrophically');
        }
      }
    }
  }
}

/** A group whose every iteration begins with a fixed atom that nothing else inside the group can start with. */
function isDelimited(group: GroupNode): boolean {
  if (group.alternatives.length !== 1) return false;
  const [head, ...rest] = group.alternatives[0];
  if (!head || head.type !== 'atom' || head.quant.min !== head.quant.max || head.quant.min < 1) return false;
  if (head.first.kind !== 'chars') return false;
  const others = rest.flatMap((node) => [node, ...descendants(node)]);
  return others.every((node) => node.type === 'group' || !overlaps(head.first, node.first));
}

function descendants(node: RegexNode): RegexNode[] {
  if (node.type === 'atom') return [];
  return node.alternatives.flat().flatMap((child) => [child, ...descendants(child)]);
}

function firstOfSequence(sequence: RegexNode[]): { set: CharSet; nullable: boolean } {
  let set: CharSet = { kind: 'chars', chars: new Set() };
  for (const node of sequence) {
    const start = firstOfNode(node);
    set = union(set, start.set);
    if (!start.nullable) return { set, nullable: false };
  }
  return { set, nullable: true };
}

function firstOfNode(node: RegexNode): { set: CharSet; nullable: boolean } {
  if (node.type === 'atom') return { set: node.first, nullable: node.quant.min === 0 };
  if (node.lookaround) return { set: { kind: 'chars', chars: new Set() }, nullable: true };
  const starts = node.alternatives.map(firstOfSequence);
  const set = starts.reduce<CharSet>((acc, start) => union(acc, start.set), {
    kind: 'chars',
    chars: new Set(),
  });
  return { set, nullable: node.quant.min === 0 || starts.some((start) => start.nullable) };
}

function union(a: CharSet, b: CharSet): CharSet {
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  if (a.kind === 'chars' && b.kind === 'chars')
    return { kind: 'chars', chars: new Set([...a.chars, ...b.chars]) };
  if (a.kind === 'not' && b.kind === 'not') {
    return { kind: 'not', chars: new Set([...a.chars].filter((char) => b.chars.has(char))) };
  }
  const [negated, plain] = a.kind === 'not' ? [a, b] : [b, a];
  return { kind: 'not', chars: new Set([...negated.chars].filter((char) => !plain.chars.has(char))) };
}

function overlaps(a: CharSet, b: CharSet): boolean {
  if (a.kind === 'any') return b.kind !== 'chars' || b.chars.size > 0;
  if (b.kind === 'any') return a.kind !== 'chars' || a.chars.size > 0;
  if (a.kind === 'not' && b.kind === 'not') return true;
  if (a.kind === 'not')
    return [...(b as { chars: ReadonlySet<string> }).chars].some((char) => !a.chars.has(char));
  if (b.kind === 'not') return [...a.chars].some((char) => !b.chars.has(char));
  for (const char of a.chars) if (b.chars.has(char)) return true;
  return false;
}

function charsOf(text: string): CharSet {
  return { kind: 'chars', chars: new Set(text) };
}

/** Parses just enough of the ECMAScript pattern syntax to see groups, quantifiers and first characters. */
class RegexParser {
  private index = 0;

  constructor(private readonly source: string) {}

  parse(): GroupNode {
    const alternatives = this.parseAlternatives();
    return { type: 'group', alternatives, quant: ONCE, lookaround: false };
  }

  private parseAlternatives(): RegexNode[][] {
    const alternatives: RegexNode[][] = [[]];
    while (this.index < this.source.length) {
      const char = this.source[this.index];
      if (char === ')') break;
      if (char === '|') {
        this.index++;
        alternatives.push([]);
        continue;
      }
      const node = this.parseAtom();
      if (!node) continue;
      node.quant = this.parseQuantifier();
      alternatives[alternatives.length - 1].push(node);
    }
    return alternatives;
  }

  private parseAtom(): RegexNode | null {
    const char = this.source[this.index];
    if (char === '^' || char === '$') {
      this.index++;
      return null;
    }
    if (char === '(') return this.parseGroup();
    if (char === '[') return this.atom(this.parseClass());
    if (char === '.') {
      this.index++;
      return this.atom(ANY);
    }
    if (char === '\\') {
      const escaped = this.parseEscape(false);
      return escaped === null ? null : this.atom(escaped);
    }
    this.index++;
    return this.atom(charsOf(char));
  }

  private atom(first: CharSet): AtomNode {
    return { type: 'atom', first, quant: ONCE };
  }

  private parseGroup(): GroupNode {
    this.index++; // (
    let lookaround = false;
    if (this.source.startsWith('?:', this.index)) this.index += 2;
    else if (this.source.startsWith('?=', this.index) || this.source.startsWith('?!', this.index)) {
      this.index += 2;
      lookaround = true;
    } else if (this.source.startsWith('?<=', this.index) || this.source.startsWith('?<!', this.index)) {
      this.index += 3;
      lookaround = true;
    } else if (this.source.startsWith('?<', this.index)) {
      this.index = this.source.indexOf('>', this.index) + 1;
    }
    const alternatives = this.parseAlternatives();
    this.index++; // )
    return { type: 'group', alternatives, quant: ONCE, lookaround };
  }

  private parseClass(): CharSet {
    this.index++; // [
    let negated = false;
    if (this.source[this.index] === '^') {
      negated = true;
      this.index++;
    }
    let set: CharSet = { kind: 'chars', chars: new Set() };
    let previous: string | null = null;
    while (this.index < this.source.length && this.source[this.index] !== ']') {
      const char = this.source[this.index];
      if (char === '-' && previous !== null && this.source[this.index + 1] !== ']') {
        this.index++;
        const end =
          this.source[this.index] === '\\'
            ? (this.parseEscape(true) ?? ANY)
            : charsOf(this.source[this.index++]);
        set = union(set, rangeOf(previous, end));
        previous = null;
        continue;
      }
      if (char === '\\') {
        const escaped = this.parseEscape(true) ?? ANY;
        set = union(set, escaped);
        previous = escaped.kind === 'chars' && escaped.chars.size === 1 ? [...escaped.chars][0] : null;
        continue;
      }
      this.index++;
      set = union(set, charsOf(char));
      previous = char;
    }
    this.index++; // ]
    if (!negated) return set;
    return set.kind === 'chars' ? { kind: 'not', chars: set.chars } : ANY;
  }

  /** Returns the characters an escape can match, or null for a zero-width assertion. */
  private parseEscape(inClass: boolean): CharSet | null {
    this.index++; // backslash
    const char = this.source[this.index++];
    switch (char) {
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
        return SPACE;
      case 'b':
        return inClass ? charsOf('\b') : null;
      case 'B':
        return null;
      case 'n':
        return charsOf('\n');
      case 't':
        return charsOf('\t');
      case 'r':
        return charsOf('\r');
      case 'k':
        throw new Hazard('back-references are not allowed in patterns');
      case 'p':
      case 'P':
      case 'u':
      case 'x':
      case 'c':
        this.skipEscapePayload(char);
        return ANY;
      default:
        if (/[1-9]/.test(char)) throw new Hazard('back-references are not allowed in patterns');
        if (/[DWS]/.test(char)) return ANY;
        return charsOf(char);
    }
  }

  private skipEscapePayload(kind: string): void {
    if (this.source[this.index] === '{') {
      this.index = this.source.indexOf('}', this.index) + 1;
    } else if (kind === 'u') this.index += 4;
    else if (kind === 'x') this.index += 2;
    else if (kind === 'c') this.index += 1;
  }

  private parseQuantifier(): Quantifier {
    const char = this.source[this.index];
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.index));
      if (!match) return ONCE;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      this.index += match[0].length;
      this.skipLazy();
      return { min, max };
    }
    const quant = SIMPLE_QUANTIFIERS[char];
    if (!quant) return ONCE;
    this.index++;
    this.skipLazy();
    return quant;
  }

  private skipLazy(): void {
    if (this.source[this.index] === '?') this.index++;
  }
}

function rangeOf(start: string, end: CharSet): CharSet {
  if (end.kind === 'any' || end.chars.size !== 1) return ANY;
  const from = start.codePointAt(0)!;
  const to = [...end.chars][0].codePointAt(0)!;
  if (to < from || to - from > 512) return ANY;
  const chars = new Set<string>();
  for (let code = from; code <= to; code++) chars.add(String.fromCodePoint(code));
  return { kind: 'chars', chars };
}
