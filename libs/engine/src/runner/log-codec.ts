import { isDeepStrictEqual } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ErrorInfo, ModuleLog, OperationLog } from './types';

// How the per-module log of an execution is stored (issue 14: history that stays small).
// Version 1 (older rows) is the plain JSON of ModuleLog[]: every operation repeats every key.
// Version 2 is positional: [2, body] or, above a size threshold, [2, "z", base64(deflateRaw)]
// where body holds one tuple per module and one tuple per operation, with a bit mask telling
// which optional fields follow. The stored value is still JSON (the column stays as it is), and
// its first element (the number 2) tells the versions apart: a version 1 log is a list of objects.
// A bundle equal to the run's input or its webhook response (stored in their own columns) is
// kept as a reference to them: the caller passes both when encoding and when decoding.
// Version 3 (written now) is version 2 where a reference may also point at a bundle stored in
// full earlier in the same log (2 = the first one, and so on): a value passed on from module to
// module is stored once. The reader takes versions 1, 2 and 3.

/** The values stored beside the log that its bundles may refer to. */
export interface LogRefs {
  input?: unknown;
  response?: unknown;
  /** A module's usual label (its app's): a log that shows that label stores none. */
  labelOf?: (moduleKey: string) => string | undefined;
}

export const LOG_FORMAT = 3;

export interface LogCodecLimits {
  /** Logs whose positional JSON is larger than this are stored deflated (zlib, raw). */
  compressAbove: number;
  /** A stored log larger than this (after compression) keeps its counts but not its bundles. */
  maxStoredBytes: number;
}

export const DEFAULT_LOG_CODEC_LIMITS: LogCodecLimits = { compressAbove: 2_048, maxStoredBytes: 512 * 1024 };

/** What replaces an operation's bundles when the whole log was too large to keep. */
export const truncatedMark = (bytes: number) =>
  `[truncated: this execution's log was ${bytes} bytes, over the stored limit]`;

// Bits of an operation tuple's mask: which optional fields follow the fixed ones, in this order.
const INPUT = 1;
const OUTPUT = 2;
const OMITTED = 4;
const ERROR = 8;
const HANDLED = 16;
// The fixed fields are skipped when they hold their usual value (index = previous + 1, cycle 1).
const INDEX = 32;
const CYCLE = 64;
// The input, or the only output bundle, is the run input (0), the response (1) or an earlier
// bundle of the log (2…) by reference.
const INPUT_REF = 128;
const OUTPUT_REF = 256;

type OpTuple = unknown[];
// [id, module key, label (0 = the usual one), ops, then operations, bundlesOut, errors and
// omittedOps only when they are not what the kept ops add up to]. The id is left out (0) when it
// follows the previous module's.
type ModuleTuple = [number | string, string, string | 0, OpTuple[], number?, number?, number?, number?];

/** The stored text of a run's module logs (version 3). */
export function encodeModuleLogs(
  modules: ModuleLog[],
  refs: LogRefs = {},
  limits: LogCodecLimits = DEFAULT_LOG_CODEC_LIMITS,
): string {
  const plain = `[${LOG_FORMAT},${new BodyWriter(refs).modules(modules)}]`;
  if (plain.length <= limits.compressAbove) return plain;
  const stored = deflated(plain);
  if (stored.length <= limits.maxStoredBytes) return stored;
  // Too large even compressed: counts, errors and durations stay; bundles give way to a mark.
  const mark = truncatedMark(Buffer.byteLength(plain));
  return deflated(`[${LOG_FORMAT},${new BodyWriter({ labelOf: refs.labelOf }, mark).modules(modules)}]`);
}

/** Module logs from their stored value, whichever version it is in (text or already parsed). */
export function decodeModuleLogs(stored: unknown, refs: LogRefs = {}): ModuleLog[] {
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  if (!Array.isArray(value)) return [];
  if (value[0] !== LOG_FORMAT && value[0] !== 2) return value as ModuleLog[]; // version 1: stored as it was
  const body =
    value[1] === 'z'
      ? (JSON.parse(inflateRawSync(Buffer.from(String(value[2]), 'base64')).toString('utf8')) as unknown[])[1]
      : value[1];
  // What references point at: the run input, the response, then every bundle stored in full,
  // in the order they appear (version 2 logs refer to the first two only).
  const values = [refs.input ?? null, refs.response ?? null];
  let previousId = 0;
  return (body as ModuleTuple[]).map((t) => {
    const m = moduleFromTuple(t, previousId, values, refs);
    previousId = m.id;
    return m;
  });
}

function deflated(plain: string): string {
  return JSON.stringify([LOG_FORMAT, 'z', deflateRawSync(plain).toString('base64')]);
}

// Bundles shorter than this (as JSON) are repeated rather than referred to: a reference would
// save next to nothing.
const MIN_SHARED = 16;

/**
 * Writes the body's JSON text directly, piece by piece into one list joined at the end: no
 * intermediate arrays or strings per operation, each bundle turned into text once. A bundle (an
 * operation's input, or its only output) equal to the run input or the response, or written in
 * full earlier in this log, is stored as a reference: a chain of modules passing the same value
 * on (set variable, say) stores it once.
 */
class BodyWriter {
  private readonly parts: string[] = [];
  private readonly shared = new Map<string, number>();
  /** The index the next bundle written in full gets (0 and 1: the input and the response). */
  private next = 2;
  /** Whether the last text bundle() gave is a reference. */
  private ref = false;

  constructor(
    private readonly refs: LogRefs,
    private readonly mark?: string,
  ) {}

  modules(modules: ModuleLog[]): string {
    const parts = this.parts;
    parts.push('[');
    let previousId = 0;
    for (let i = 0; i < modules.length; i++) {
      if (i) parts.push(',');
      this.module(modules[i], previousId);
      previousId = modules[i].id;
    }
    parts.push(']');
    return parts.join('');
  }

  private module(m: ModuleLog, previousId: number): void {
    const parts = this.parts;
    // 0 means "the previous id + 1"; an id that could be mistaken for it is kept as text.
    const id = m.id === previousId + 1 ? '0' : m.id > 0 ? number(m.id) : JSON.stringify(String(m.id));
    const label = this.refs.labelOf?.(m.module) === m.label ? '0' : JSON.stringify(m.label);
    parts.push('[', id, ',', JSON.stringify(m.module), ',', label, ',[');
    let previous = 0;
    let bundles = 0;
    let errors = 0;
    for (let i = 0; i < m.ops.length; i++) {
      const op = m.ops[i];
      if (i) parts.push(',');
      this.op(op, previous);
      previous = op.index;
      bundles += op.outputCount;
      if (op.error) errors++;
    }
    parts.push(']');
    const derived =
      m.operations === m.ops.length && m.bundlesOut === bundles && m.errors === errors && m.omittedOps === 0;
    if (!derived)
      parts.push(
        ',',
        number(m.operations),
        ',',
        number(m.bundlesOut),
        ',',
        number(m.errors),
        ',',
        number(m.omittedOps),
      );
    parts.push(']');
  }

  private op(op: OperationLog, previous: number): void {
    let mask = 0;
    let input: string | undefined;
    let output: string | undefined;
    if (op.index !== previous + 1) mask |= INDEX;
    if (op.cycle !== 1) mask |= CYCLE;
    if (op.input !== undefined) {
      // The input that broke an operation stays even in a truncated log: it is what a user needs
      // to fix the failure, and failures are few.
      input = this.mark !== undefined && !op.error ? this.inline(this.mark) : this.bundle(op.input);
      mask |= this.ref ? INPUT | INPUT_REF : INPUT;
    }
    if (op.output) {
      mask |= OUTPUT;
      if (this.mark !== undefined) output = `[${this.inline(this.mark)}]`;
      else if (op.output.length !== 1) output = toJson(op.output);
      else {
        const text = this.bundle(op.output[0]);
        if (this.ref) mask |= OUTPUT_REF;
        output = this.ref ? text : `[${text}]`;
      }
    }
    if (op.omittedBundles !== undefined) mask |= OMITTED;
    if (op.error) mask |= ERROR;
    if (op.handledBy !== undefined) mask |= HANDLED;
    const parts = this.parts;
    parts.push('[', number(mask), ',', number(op.durationMs), ',', number(op.outputCount));
    if (mask & INDEX) parts.push(',', number(op.index));
    if (mask & CYCLE) parts.push(',', number(op.cycle));
    if (input !== undefined) parts.push(',', input);
    if (output !== undefined) parts.push(',', output);
    if (mask & OMITTED) parts.push(',', toJson(op.omittedBundles));
    if (mask & ERROR) parts.push(',', toJson(op.error));
    if (mask & HANDLED) parts.push(',', toJson(op.handledBy));
    parts.push(']');
  }

  /** A bundle's text, or the reference that stands for it (then `ref` is set). */
  private bundle(value: unknown): string {
    if (this.mark === undefined) {
      const known = this.knownValue(value);
      this.ref = known >= 0;
      if (this.ref) return number(known);
    }
    const text = toJson(value);
    if (this.mark === undefined && text.length >= MIN_SHARED) {
      const earlier = this.shared.get(text);
      this.ref = earlier !== undefined;
      if (earlier !== undefined) return number(earlier);
      this.shared.set(text, this.next);
    }
    this.ref = false;
    this.next++;
    return text;
  }

  private inline(value: unknown): string {
    this.ref = false;
    this.next++;
    return toJson(value);
  }

  /** 0 or 1 when the value equals the run input or the response (objects only: a reference pays off). */
  private knownValue(value: unknown): number {
    if (value === null || typeof value !== 'object') return -1;
    const { input, response } = this.refs;
    if (
      input !== undefined &&
      (value === input || (sameKeys(value, input) && isDeepStrictEqual(value, input)))
    )
      return 0;
    if (response !== undefined && sameKeys(value, response) && isDeepStrictEqual(value, response)) return 1;
    return -1;
  }
}

// A cheap first look before a deep comparison: most bundles differ from the input already in
// their keys. Counts without allocating (Object.keys would, for every bundle).
function sameKeys(a: object, b: unknown): boolean {
  if (b === null || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  let n = 0;
  for (const k in a) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

// JSON.stringify gives undefined for a value JSON has no text for: stored as null, as it was
// when the whole body went through one JSON.stringify.
const toJson = (value: unknown): string => JSON.stringify(value) ?? 'null';
const number = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

function moduleFromTuple(t: ModuleTuple, previousId: number, values: unknown[], refs: LogRefs): ModuleLog {
  const [id, module, label, tuples] = t;
  let previous = 0;
  const ops = tuples.map((tuple) => {
    const op = opFromTuple(tuple, previous, values);
    previous = op.index;
    return op;
  });
  const derived = t.length === 4;
  return {
    id: typeof id === 'string' ? Number(id) : id || previousId + 1,
    module,
    label: label === 0 ? (refs.labelOf?.(module) ?? module) : label,
    operations: derived ? ops.length : t[4]!,
    bundlesOut: derived ? ops.reduce((n, op) => n + op.outputCount, 0) : t[5]!,
    errors: derived ? ops.filter((op) => op.error).length : t[6]!,
    ops,
    omittedOps: derived ? 0 : t[7]!,
  };
}

function opFromTuple(t: OpTuple, previous: number, values: unknown[]): OperationLog {
  const [mask, durationMs, outputCount] = t as [number, number, number];
  let i = 3;
  const index = mask & INDEX ? (t[i++] as number) : previous + 1;
  const cycle = mask & CYCLE ? (t[i++] as number) : 1;
  // Keys in the order the engine writes them, so a decoded log reads like a version 1 one.
  const op: OperationLog =
    mask & INPUT
      ? { index, cycle, input: bundleAt(t[i++], mask & INPUT_REF, values), outputCount, durationMs }
      : { index, cycle, outputCount, durationMs };
  if (mask & OUTPUT) {
    if (mask & OUTPUT_REF) op.output = [values[t[i++] as number]];
    else {
      op.output = t[i++] as unknown[];
      // Only a single bundle may be referred to later, as the writer counts them.
      if (op.output.length === 1) values.push(op.output[0]);
    }
  }
  if (mask & OMITTED) op.omittedBundles = t[i++] as number;
  if (mask & ERROR) op.error = t[i++] as ErrorInfo;
  if (mask & HANDLED) op.handledBy = t[i++] as string;
  return op;
}

function bundleAt(stored: unknown, isRef: number, values: unknown[]): unknown {
  if (isRef) return values[stored as number];
  values.push(stored);
  return stored;
}
