/**
 * A static upper bound on how much work ajv can spend on one value of the submitted data, so a
 * schema whose validation time explodes (nested `anyOf` through `$ref`, recursion that fans out at
 * every level of the data, huge ref-free definitions inlined at every use) is refused at
 * create/publish instead of stalling the API at submit time.
 *
 * Model (conservative: it over-counts, never under-counts):
 * - Every schema location (a JSON pointer; `$ref`s resolved) costs its own keyword checks: one unit
 *   per keyword, plus the entries of `properties`/`patternProperties`, `required`, `enum`, `const`…
 * - In-place applicators (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`,
 *   `$ref`) apply their subschemas to the same value: their costs add up, so nesting multiplies.
 * - Child applicators (`properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
 *   `unevaluatedProperties`, `items`, `prefixItems`, `additionalItems`, `contains`,
 *   `unevaluatedItems`) apply to child values. One child can meet several of them (a key matches a
 *   named property *and* every pattern), so they add up too, except that only one named property
 *   (or one tuple position) applies to a given child.
 * - `workPerValue` is the largest total any single value of the data can receive. Validating data
 *   of N values then costs at most about N × workPerValue units, linear in the data.
 * - `repeatedWork` is the same bound for the values a submission can repeat at will (array items,
 *   extra properties, recursion): a 10 KB submission holds thousands of them, so their limit is
 *   much lower than the one for a value that occurs once.
 * - Units: 5 per schema applied (the call, and its error objects when it fails), 1 per keyword and
 *   per `enum`/`required`… entry, 25 per pattern test (re2js is slower than native RegExp). The
 *   limits are calibrated by tools/bench/forms: the slowest schema accepted stays under 50 ms on a
 *   10 KB submission.
 * - Recursion through child applicators is fine (a tree schema) as long as each level of the data
 *   does not receive more work than the level above; recursion that gains work per level
 *   (`node: {anyOf: [{properties: {c: node}}, {properties: {c: node}}]}`) is refused, and so is a
 *   `$ref` cycle that never descends into the data (it would recurse forever).
 * - ajv inlines a `$ref` whose target has no `$ref` of its own, so the compiled code repeats that
 *   target at every use: `compiledSize` counts it that many times.
 */
import { isPlainObject } from './schema-check.validator';

/** The most work units one value of the data may receive. Calibrated by tools/bench/forms (≤ 50 ms per 10 KB). */
export const MAX_WORK_PER_VALUE = 2000;
/** The most work units one array item or extra property may receive: a 10 KB submission can hold thousands. */
export const MAX_REPEATED_WORK = 100;
/** Units of one schema applied to a value (the call, and its error objects when it fails). */
const APPLY_UNITS = 5;
/** Units of one RE2 pattern test: re2js costs about as much as 25 simple keyword checks. */
const PATTERN_UNITS = 25;
/** The most schema nodes ajv may generate code for after inlining `$ref`s. */
export const MAX_COMPILED_SIZE = 100_000;
/** Bounds the analysis itself (relaxation steps for recursive schemas). */
const MAX_ANALYSIS_STEPS = 2_000_000;
const SATURATED = Number.MAX_SAFE_INTEGER / 4;

export interface SchemaCost {
  /** Upper bound of work units a single value of the data receives. */
  workPerValue: number;
  /** Upper bound of work units one array item or extra property receives (a submission may repeat those). */
  repeatedWork: number;
  /** Schema nodes ajv compiles, counting inlined `$ref` targets at every use. */
  compiledSize: number;
  /** Reasons to refuse, each starting with the JSON pointer it is about. */
  problems: string[];
}

const IN_PLACE_SINGLE = ['not', 'if', 'then', 'else', '$ref'];
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_MAPS = ['dependentSchemas', 'dependencies'];
const OBJECT_OTHERS = ['additionalProperties', 'propertyNames', 'unevaluatedProperties'];
const ARRAY_OTHERS = ['additionalItems', 'contains', 'unevaluatedItems'];
/** Keywords ajv never evaluates against data: they cost nothing at validation time. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  '$comment',
  '$schema',
  '$defs',
  'definitions',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
  '$anchor',
]);

interface Node {
  pointer: string;
  overhead: number;
  size: number;
  inPlace: string[];
  named: string[];
  objectOthers: string[];
  patternCount: number;
  tuple: string[];
  arrayOthers: string[];
  /** `$ref` targets ajv would inline (ref-free), with their sizes. */
  inlined: string[];
}

/** Estimates the validation cost of a schema that already passed the structural checks ($ref only '#…', no $id). */
export function estimateSchemaCost(
  schema: Record<string, unknown>,
  limits = {
    maxWorkPerValue: MAX_WORK_PER_VALUE,
    maxRepeatedWork: MAX_REPEATED_WORK,
    maxCompiledSize: MAX_COMPILED_SIZE,
  },
): SchemaCost {
  const anchors = collectAnchors(schema);
  const nodes = new Map<string, Node>();
  const pending = [''];
  while (pending.length > 0) {
    const pointer = pending.pop()!;
    if (nodes.has(pointer)) continue;
    const value = resolvePointer(schema, pointer);
    const node = describe(pointer, value, schema, anchors);
    nodes.set(pointer, node);
    for (const target of [
      ...node.inPlace,
      ...node.named,
      ...node.objectOthers,
      ...node.tuple,
      ...node.arrayOthers,
    ]) {
      if (!nodes.has(target)) pending.push(target);
    }
  }
  const problems: string[] = [];

  // Work at the value itself: in-place applicators only. They must form a DAG.
  const selfWork = new Map<string, number>();
  const state = new Map<string, 'open' | 'done'>();
  const visitSelf = (pointer: string): number => {
    const done = selfWork.get(pointer);
    if (done !== undefined) return done;
    if (state.get(pointer) === 'open') throw new InPlaceCycle(pointer);
    state.set(pointer, 'open');
    const node = nodes.get(pointer)!;
    let total = node.overhead;
    for (const target of node.inPlace) total = saturatingAdd(total, visitSelf(target));
    state.set(pointer, 'done');
    selfWork.set(pointer, total);
    return total;
  };
  try {
    for (const pointer of nodes.keys()) visitSelf(pointer);
  } catch (error) {
    if (!(error instanceof InPlaceCycle)) throw error;
    return {
      workPerValue: Infinity,
      repeatedWork: Infinity,
      compiledSize: Infinity,
      problems: [
        `${pointerText(error.pointer)}: a $ref cycle that never descends into the data (it would recurse forever)`,
      ],
    };
  }

  const computed = computeWorkPerValue(nodes, selfWork);
  if (computed === 'unbounded') {
    problems.push(
      `${pointerText('')}: a recursive $ref gains work at every level of the data (for example anyOf/oneOf branches that each recurse); such a schema takes exponential time on deep data`,
    );
    return {
      workPerValue: Infinity,
      repeatedWork: Infinity,
      compiledSize: compiledSize(nodes, schema),
      problems,
    };
  }
  const { work, repeated } = computed;
  const workPerValue = work.get('')!;
  let repeatedWork = 0;
  let repeatedAt = '';
  for (const [pointer, units] of repeated) {
    if (units > repeatedWork) [repeatedWork, repeatedAt] = [units, pointer];
  }
  if (workPerValue > limits.maxWorkPerValue) {
    const culprit = findCulprit(nodes, work, selfWork, limits.maxWorkPerValue);
    problems.push(
      `${pointerText(culprit)}: validating one value can take about ${formatUnits(work.get(culprit)!)} schema checks (the limit is ${limits.maxWorkPerValue}); anyOf/oneOf/allOf, $ref and patternProperties multiply through nesting: flatten the schema or use fewer branches`,
    );
  }
  if (workPerValue <= limits.maxWorkPerValue && repeatedWork > limits.maxRepeatedWork) {
    problems.push(
      `${pointerText(repeatedAt)}: each item or extra property it allows can take about ${formatUnits(repeatedWork)} schema checks (the limit is ${limits.maxRepeatedWork}), and a submission can repeat them thousands of times: simplify the item schema or use fewer patterns`,
    );
  }
  const compiled = compiledSize(nodes, schema);
  if (compiled > limits.maxCompiledSize) {
    problems.push(
      `${pointerText('')}: the schema expands to ${formatUnits(compiled)} nodes once its $ref targets are inlined (the limit is ${limits.maxCompiledSize}): reference large definitions fewer times`,
    );
  }
  return { workPerValue, repeatedWork, compiledSize: compiled, problems };
}

class InPlaceCycle extends Error {
  constructor(readonly pointer: string) {
    super(pointer);
  }
}

/**
 * workPerValue(v) = max(self work, Σ over v's in-place closure of the child work of each member).
 * Recursive schemas make this a fixpoint; it is computed per strongly connected component, bottom
 * up, by bounded relaxation. Still rising after that bound means unbounded growth.
 */
function computeWorkPerValue(
  nodes: Map<string, Node>,
  selfWork: Map<string, number>,
): { work: Map<string, number>; repeated: Map<string, number> } | 'unbounded' {
  const work = new Map<string, number>();
  const objectWork = new Map<string, number>();
  const arrayWork = new Map<string, number>();
  const repeated = new Map<string, number>();
  const objectRepeatedWork = new Map<string, number>();
  const arrayRepeatedWork = new Map<string, number>();
  const childWork = (pointer: string) => work.get(pointer) ?? 0;
  let steps = 0;
  const relax = (pointer: string): boolean => {
    steps++;
    const node = nodes.get(pointer)!;
    // Children that can repeat without bound (array items, extra keys) versus those that occur once.
    let objectRepeated = node.patternCount * PATTERN_UNITS;
    for (const target of node.objectOthers) objectRepeated = saturatingAdd(objectRepeated, childWork(target));
    let arrayRepeated = 0;
    for (const target of node.arrayOthers) arrayRepeated = saturatingAdd(arrayRepeated, childWork(target));
    let named = 0;
    for (const target of node.named) named = Math.max(named, childWork(target));
    let tuple = 0;
    for (const target of node.tuple) tuple = Math.max(tuple, childWork(target));
    let object = saturatingAdd(objectRepeated, named);
    let array = saturatingAdd(arrayRepeated, tuple);
    for (const target of node.inPlace) {
      object = saturatingAdd(object, objectWork.get(target) ?? 0);
      array = saturatingAdd(array, arrayWork.get(target) ?? 0);
      objectRepeated = saturatingAdd(objectRepeated, objectRepeatedWork.get(target) ?? 0);
      arrayRepeated = saturatingAdd(arrayRepeated, arrayRepeatedWork.get(target) ?? 0);
    }
    const total = Math.max(selfWork.get(pointer)!, object, array);
    const changed =
      total !== work.get(pointer) ||
      object !== objectWork.get(pointer) ||
      array !== arrayWork.get(pointer) ||
      objectRepeated !== objectRepeatedWork.get(pointer) ||
      arrayRepeated !== arrayRepeatedWork.get(pointer);
    work.set(pointer, total);
    objectWork.set(pointer, object);
    arrayWork.set(pointer, array);
    objectRepeatedWork.set(pointer, objectRepeated);
    arrayRepeatedWork.set(pointer, arrayRepeated);
    return changed;
  };
  for (const component of stronglyConnectedComponents(nodes)) {
    // Members in post-order of the in-place edges, so in-place targets are relaxed before their users.
    const rounds = 2 * component.length + 2;
    let changed = true;
    for (let round = 0; changed && round < rounds; round++) {
      changed = false;
      for (const pointer of component) if (relax(pointer)) changed = true;
      if (component.length === 1 && !hasSelfEdge(nodes.get(component[0])!)) changed = false;
      if (steps > MAX_ANALYSIS_STEPS) return 'unbounded';
    }
    if (changed) return 'unbounded';
    // A value inside recursion repeats as deep as the data goes.
    const recursive = component.length > 1 || hasSelfEdge(nodes.get(component[0])!);
    for (const pointer of component) {
      const repeatedHere = Math.max(objectRepeatedWork.get(pointer)!, arrayRepeatedWork.get(pointer)!);
      repeated.set(pointer, recursive ? Math.max(repeatedHere, work.get(pointer)!) : repeatedHere);
    }
  }
  return { work, repeated };
}

function hasSelfEdge(node: Node): boolean {
  return targetsOf(node).includes(node.pointer);
}

function targetsOf(node: Node): string[] {
  return [...node.inPlace, ...node.named, ...node.objectOthers, ...node.tuple, ...node.arrayOthers];
}

/** Tarjan's algorithm (iterative); components come out callees first. */
function stronglyConnectedComponents(nodes: Map<string, Node>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    const frames: { pointer: string; targets: string[]; next: number }[] = [];
    const open = (pointer: string) => {
      index.set(pointer, counter);
      low.set(pointer, counter++);
      stack.push(pointer);
      onStack.add(pointer);
      // In-place targets last, so they are visited (and finish) before the rest within a component.
      const node = nodes.get(pointer)!;
      frames.push({ pointer, targets: [...targetsOf(node)].reverse(), next: 0 });
    };
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++];
        if (!nodes.has(target)) continue;
        if (!index.has(target)) open(target);
        else if (onStack.has(target))
          low.set(frame.pointer, Math.min(low.get(frame.pointer)!, index.get(target)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].pointer;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.pointer)!));
      }
      if (low.get(frame.pointer) === index.get(frame.pointer)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.pointer);
        components.push(component.reverse().sort(inPlaceOrder(nodes, new Set(component))));
      }
    }
  }
  return components;
}

/** Orders a component's members so an in-place target comes before the member that applies it. */
function inPlaceOrder(nodes: Map<string, Node>, members: Set<string>) {
  const depth = new Map<string, number>();
  const depthOf = (pointer: string, seen: Set<string>): number => {
    const known = depth.get(pointer);
    if (known !== undefined) return known;
    seen.add(pointer);
    let deepest = 0;
    for (const target of nodes.get(pointer)!.inPlace) {
      if (members.has(target) && !seen.has(target)) deepest = Math.max(deepest, depthOf(target, seen) + 1);
    }
    depth.set(pointer, deepest);
    return deepest;
  };
  return (a: string, b: string) => depthOf(a, new Set()) - depthOf(b, new Set());
}

/** Follows the heaviest child while it is still over the limit: the place where the work multiplies. */
function findCulprit(
  nodes: Map<string, Node>,
  work: Map<string, number>,
  selfWork: Map<string, number>,
  limit: number,
): string {
  let current = '';
  const seen = new Set<string>();
  for (;;) {
    seen.add(current);
    const node = nodes.get(current)!;
    let heaviest: string | null = null;
    for (const target of targetsOf(node)) {
      if (seen.has(target) || !nodes.has(target)) continue;
      const weight = Math.max(work.get(target) ?? 0, selfWork.get(target) ?? 0);
      if (weight > limit && (heaviest === null || weight > (work.get(heaviest) ?? 0))) heaviest = target;
    }
    if (heaviest === null) return current;
    current = heaviest;
  }
}

function compiledSize(nodes: Map<string, Node>, schema: Record<string, unknown>): number {
  let total = countNodes(schema);
  for (const node of nodes.values()) {
    for (const target of node.inlined) total = saturatingAdd(total, nodes.get(target)?.size ?? 0);
  }
  return total;
}

function describe(
  pointer: string,
  value: unknown,
  root: Record<string, unknown>,
  anchors: Map<string, string>,
): Node {
  const node: Node = {
    pointer,
    overhead: APPLY_UNITS,
    size: 1,
    inPlace: [],
    named: [],
    objectOthers: [],
    patternCount: 0,
    tuple: [],
    arrayOthers: [],
    inlined: [],
  };
  if (!isPlainObject(value)) return node; // true/false (or something ajv refuses to compile anyway)
  node.size = countNodes(value);
  const child = (...segments: string[]) => `${pointer}/${segments.map(escapeSegment).join('/')}`;
  const isSchema = (candidate: unknown) => typeof candidate === 'boolean' || isPlainObject(candidate);
  for (const [keyword, keywordValue] of Object.entries(value)) {
    if (ANNOTATIONS.has(keyword)) continue;
    node.overhead += keyword === 'pattern' ? PATTERN_UNITS : 1;
    if (keyword === '$ref' && typeof keywordValue === 'string') {
      const target = resolveRef(keywordValue, anchors);
      if (target !== null && resolvePointer(root, target) !== undefined) {
        node.inPlace.push(target);
        if (!hasRef(resolvePointer(root, target))) node.inlined.push(target);
      }
    } else if (IN_PLACE_SINGLE.includes(keyword) && isSchema(keywordValue)) {
      node.inPlace.push(child(keyword));
    } else if (IN_PLACE_LISTS.includes(keyword) && Array.isArray(keywordValue)) {
      keywordValue.forEach((_, i) => node.inPlace.push(child(keyword, String(i))));
      node.overhead += keywordValue.length;
    } else if (IN_PLACE_MAPS.includes(keyword) && isPlainObject(keywordValue)) {
      for (const [key, dependency] of Object.entries(keywordValue)) {
        if (isSchema(dependency)) node.inPlace.push(child(keyword, key));
        else node.overhead += countNodes(dependency);
      }
    } else if (keyword === 'properties' && isPlainObject(keywordValue)) {
      for (const key of Object.keys(keywordValue)) node.named.push(child(keyword, key));
      node.overhead += Object.keys(keywordValue).length;
    } else if (keyword === 'patternProperties' && isPlainObject(keywordValue)) {
      for (const key of Object.keys(keywordValue)) node.objectOthers.push(child(keyword, key));
      node.patternCount += Object.keys(keywordValue).length;
    } else if (OBJECT_OTHERS.includes(keyword) && isSchema(keywordValue)) {
      node.objectOthers.push(child(keyword));
    } else if (keyword === 'prefixItems' && Array.isArray(keywordValue)) {
      keywordValue.forEach((_, i) => node.tuple.push(child(keyword, String(i))));
    } else if (keyword === 'items' && Array.isArray(keywordValue)) {
      keywordValue.forEach((_, i) => node.tuple.push(child(keyword, String(i)))); // draft-07 tuple
    } else if ((keyword === 'items' || ARRAY_OTHERS.includes(keyword)) && isSchema(keywordValue)) {
      node.arrayOthers.push(child(keyword));
    } else {
      // enum, const, required, type…: checked against the value, proportionally to their size.
      node.overhead += countNodes(keywordValue) - 1;
    }
  }
  return node;
}

function hasRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRef);
  if (!isPlainObject(value)) return false;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') return true;
    if (typeof child === 'object' && child !== null && hasRef(child)) return true;
  }
  return false;
}

function collectAnchors(schema: unknown): Map<string, string> {
  const anchors = new Map<string, string>();
  const walk = (value: unknown, pointer: string, depth: number) => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (isPlainObject(value) && typeof value.$anchor === 'string') anchors.set(value.$anchor, pointer);
    for (const [key, child] of Object.entries(value))
      walk(child, `${pointer}/${escapeSegment(key)}`, depth + 1);
  };
  walk(schema, '', 0);
  return anchors;
}

/** '#', '#/a/b' (with ~0 ~1 and %-escapes) or '#anchor' to a pointer; null when it cannot be read. */
function resolveRef(ref: string, anchors: Map<string, string>): string | null {
  if (!ref.startsWith('#')) return null;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return null;
  }
  if (fragment === '' || fragment.startsWith('/')) return fragment;
  return anchors.get(fragment) ?? null;
}

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function countNodes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let count = 1;
  for (const child of Object.values(value)) count += countNodes(child);
  return count;
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointerText(pointer: string): string {
  return `#${pointer}`;
}

function saturatingAdd(a: number, b: number): number {
  return Math.min(SATURATED, a + b);
}

function formatUnits(units: number): string {
  return units >= SATURATED ? 'more than 10^15' : String(units);
}
