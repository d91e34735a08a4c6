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

/** The values stored beside the log that its bundles may refer to. */
export interface LogRefs {
  input?: unknown;
  response?: unknown;
  /** A module's usual label (its app's): a log that shows that label stores none. */
  labelOf?: (moduleKey: string) => string | undefined;
}

export const LOG_FORMAT = 2;

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
// The input, or the only output bundle, is the run input (0) or the response (1) by reference.
const INPUT_REF = 128;
const OUTPUT_REF = 256;

type OpTuple = unknown[];
// [id, module key, label (0 = the usual one), ops, then operations, bundlesOut, errors and
// omittedOps only when they are not what the kept ops add up to]. The id is left out (0) when it
// follows the previous module's.
type ModuleTuple = [number | string, string, string | 0, OpTuple[], number?, number?, number?, number?];

/** The stored text of a run's module logs (version 2). */
export function encodeModuleLogs(
  modules: ModuleLog[],
  refs: LogRefs = {},
  limits: LogCodecLimits = DEFAULT_LOG_CODEC_LIMITS,
): string {
  const plain = JSON.stringify([LOG_FORMAT, modulesBody(modules, refs)]);
  if (plain.length <= limits.compressAbove) return plain;
  const stored = deflated(plain);
  if (stored.length <= limits.maxStoredBytes) return stored;
  // Too large even compressed: counts, errors and durations stay; bundles give way to a mark.
  const mark = truncatedMark(Buffer.byteLength(plain));
  return deflated(JSON.stringify([LOG_FORMAT, modulesBody(modules, { labelOf: refs.labelOf }, mark)]));
}

/** Module logs from their stored value, whichever version it is in (text or already parsed). */
export function decodeModuleLogs(stored: unknown, refs: LogRefs = {}): ModuleLog[] {
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  if (!Array.isArray(value)) return [];
  if (value[0] !== LOG_FORMAT) return value as ModuleLog[]; // version 1: stored as it was
  const body =
    value[1] === 'z'
      ? (JSON.parse(inflateRawSync(Buffer.from(String(value[2]), 'base64')).toString('utf8')) as unknown[])[1]
      : value[1];
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

function moduleTuple(m: ModuleLog, previousId: number, refs: LogRefs, mark?: string): ModuleTuple {
  let previous = 0;
  let bundles = 0;
  let errors = 0;
  const ops = m.ops.map((op) => {
    const t = opTuple(op, previous, refs, mark);
    previous = op.index;
    bundles += op.outputCount;
    if (op.error) errors++;
    return t;
  });
  const label = refs.labelOf?.(m.module) === m.label ? 0 : m.label;
  // 0 means "the previous id + 1"; an id that could be mistaken for it is kept as text.
  const id = m.id === previousId + 1 ? 0 : m.id > 0 ? m.id : String(m.id);
  const t: ModuleTuple = [id, m.module, label, ops];
  const derived =
    m.operations === m.ops.length && m.bundlesOut === bundles && m.errors === errors && m.omittedOps === 0;
  if (!derived) t.push(m.operations, m.bundlesOut, m.errors, m.omittedOps);
  return t;
}

function modulesBody(modules: ModuleLog[], refs: LogRefs, mark?: string): ModuleTuple[] {
  let previousId = 0;
  return modules.map((m) => {
    const t = moduleTuple(m, previousId, refs, mark);
    previousId = m.id;
    return t;
  });
}

function opTuple(op: OperationLog, previous: number, refs: LogRefs, mark?: string): OpTuple {
  let mask = 0;
  const rest: unknown[] = [];
  const add = (bit: number, value: unknown) => {
    mask |= bit;
    rest.push(value);
  };
  if (op.index !== previous + 1) add(INDEX, op.index);
  if (op.cycle !== 1) add(CYCLE, op.cycle);
  if (op.input !== undefined) {
    // The input that broke an operation stays even in a truncated log: it is what a user needs
    // to fix the failure, and failures are few.
    const drop = mark !== undefined && !op.error;
    const ref = drop ? -1 : refOf(op.input, refs);
    add(ref < 0 ? INPUT : INPUT | INPUT_REF, ref < 0 ? (drop ? mark : op.input) : ref);
  }
  if (op.output) {
    const ref = mark || op.output.length !== 1 ? -1 : refOf(op.output[0], refs);
    add(ref < 0 ? OUTPUT : OUTPUT | OUTPUT_REF, ref < 0 ? (mark ? [mark] : op.output) : ref);
  }
  if (op.omittedBundles !== undefined) add(OMITTED, op.omittedBundles);
  if (op.error) add(ERROR, op.error);
  if (op.handledBy !== undefined) add(HANDLED, op.handledBy);
  return [mask, op.durationMs, op.outputCount, ...rest];
}

/** 0 or 1 when the value equals the run input or the response (objects only: a reference pays off). */
function refOf(value: unknown, refs: LogRefs): number {
  if (value === null || typeof value !== 'object') return -1;
  if (refs.input !== undefined && isDeepStrictEqual(value, refs.input)) return 0;
  if (refs.response !== undefined && isDeepStrictEqual(value, refs.response)) return 1;
  return -1;
}

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
      ? { index, cycle, input: mask & INPUT_REF ? values[t[i++] as number] : t[i++], outputCount, durationMs }
      : { index, cycle, outputCount, durationMs };
  if (mask & OUTPUT) op.output = mask & OUTPUT_REF ? [values[t[i++] as number]] : (t[i++] as unknown[]);
  if (mask & OMITTED) op.omittedBundles = t[i++] as number;
  if (mask & ERROR) op.error = t[i++] as ErrorInfo;
  if (mask & HANDLED) op.handledBy = t[i++] as string;
  return op;
}
