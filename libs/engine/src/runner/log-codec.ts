import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { applyPatch, sameJson, shallowPatch, type Patch } from './bundle-diff';
import type { ErrorInfo, ModuleLog, OperationLog } from './types';

// How the per-module log of an execution is stored (issue 14: history that stays small).
// Version 1 (older rows) is the plain JSON of ModuleLog[]: every operation repeats every key.
// Version 2 is positional: [2, body] or, above a size threshold, [2, "z", base64(deflateRaw)]
// where body holds one tuple per module and one tuple per operation, with a bit mask telling
// which optional fields follow. The stored value is still JSON (the column stays as it is), and
// its first element (the number 2) tells the versions apart: a version 1 log is a list of objects.
// A bundle equal to the run's input or its webhook response (stored in their own columns) is
// kept as a reference to them: the caller passes both when encoding and when decoding.
// Version 3 is version 2 where a reference may also point at a bundle stored in full earlier in
// the same log (2 = the first one, and so on): a value passed on from module to module is stored
// once.
// Version 4 (written now) holds the webhook response itself: the operation whose output is the
// response says so (a mask bit), and the caller stores no response column beside the log (it
// still does when no output holds it, or the log was truncated). An output may also be stored as
// a patch over its operation's input (a responder's output is its input with headers added). The
// reader takes versions 1 to 4.

/** The values stored beside the log that its bundles may refer to. */
export interface LogRefs {
  input?: unknown;
  /** The run's response: stored beside the log by versions 2 and 3, held in it by version 4. */
  response?: unknown;
  /** A module's usual label (its app's): a log that shows that label stores none. */
  labelOf?: (moduleKey: string) => string | undefined;
}

/** A log's stored text, and whether it holds the response (no need to store it beside). */
export interface EncodedLog {
  text: string;
  holdsResponse: boolean;
}

/** A stored log read back: its modules and the run's response (undefined when none). */
export interface DecodedLog {
  modules: ModuleLog[];
  response: unknown;
}

export const LOG_FORMAT = 4;

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
// The only output bundle is the run's response (version 4).
const RESPONSE = 512;
// The only output bundle is stored as a patch over the operation's input (version 4).
const OUTPUT_PATCH = 1024;

type OpTuple = unknown[];
// [id, module key, label (0 = the usual one), ops, then operations, bundlesOut, errors and
// omittedOps only when they are not what the kept ops add up to]. The id is left out (0) when it
// follows the previous module's.
type ModuleTuple = [number | string, string, string | 0, OpTuple[], number?, number?, number?, number?];

/** The stored text of a run's module logs (see encodeRunLog). */
export function encodeModuleLogs(
  modules: ModuleLog[],
  refs: LogRefs = {},
  limits: LogCodecLimits = DEFAULT_LOG_CODEC_LIMITS,
): string {
  return encodeRunLog(modules, refs, limits).text;
}

/**
 * The stored text of a run's module logs (version 4), and whether it holds `refs.response`:
 * when it does not, the response must be stored beside it (and passed back when decoding).
 */
export function encodeRunLog(
  modules: ModuleLog[],
  refs: LogRefs = {},
  limits: LogCodecLimits = DEFAULT_LOG_CODEC_LIMITS,
): EncodedLog {
  const writer = new BodyWriter(refs);
  const plain = JSON.stringify([LOG_FORMAT, writer.modules(modules)]);
  const holdsResponse = writer.responseIndex >= 0;
  if (plain.length <= limits.compressAbove) return { text: plain, holdsResponse };
  const stored = deflated(plain);
  if (stored.length <= limits.maxStoredBytes) return { text: stored, holdsResponse };
  // Too large even compressed: counts, errors and durations stay; bundles give way to a mark.
  const mark = truncatedMark(Buffer.byteLength(plain));
  const text = deflated(
    JSON.stringify([LOG_FORMAT, new BodyWriter({ labelOf: refs.labelOf }, mark).modules(modules)]),
  );
  return { text, holdsResponse: false };
}

/** Module logs from their stored value, whichever version it is in (text or already parsed). */
export function decodeModuleLogs(stored: unknown, refs: LogRefs = {}): ModuleLog[] {
  return decodeRunLog(stored, refs).modules;
}

/**
 * A stored log, whichever version it is in (text or already parsed), with the run's response:
 * `refs.response` (stored beside it) when given, else the one the log holds.
 */
export function decodeRunLog(stored: unknown, refs: LogRefs = {}): DecodedLog {
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  if (!Array.isArray(value)) return { modules: [], response: refs.response };
  const version = value[0] as unknown;
  if (version !== 4 && version !== 3 && version !== 2)
    return { modules: value as ModuleLog[], response: refs.response }; // version 1: stored as it was
  const body =
    value[1] === 'z'
      ? (JSON.parse(inflateRawSync(Buffer.from(String(value[2]), 'base64')).toString('utf8')) as unknown[])[1]
      : value[1];
  // What references point at: the run input, the response, then every bundle stored in full,
  // in the order they appear (version 2 logs refer to the first two only).
  const reader: LogReader = { values: [refs.input ?? null, refs.response ?? null], response: refs.response };
  let previousId = 0;
  const modules = (body as ModuleTuple[]).map((t) => {
    const m = moduleFromTuple(t, previousId, reader, refs);
    previousId = m.id;
    return m;
  });
  return { modules, response: reader.response };
}

/** What decoding a log gathers as it goes. */
interface LogReader {
  values: unknown[];
  response: unknown;
}

function deflated(plain: string): string {
  return JSON.stringify([LOG_FORMAT, 'z', deflateRawSync(plain).toString('base64')]);
}

/**
 * Builds the body's tuples. A bundle (an operation's input, or its only output) equal to the run
 * input or the response held earlier, or to the same bundle of the operation before (an input
 * like the last input, an output like the last output), is stored as a reference to it: a chain
 * of modules passing a value on (set variable, say) stores it once. Equal means equal in value,
 * as JSON would tell (key order aside, as for the input and the response). An output that keeps
 * most of its operation's input is stored as a patch over it. The first output equal to the
 * response is marked as holding it.
 */
class BodyWriter {
  /** The index the next bundle stored in full gets (0: the input; 1: a response stored beside). */
  private next = 2;
  /** The index of the output that holds the response, -1 until one does. */
  responseIndex = -1;
  // The last input and output met, and the index that stands for each.
  private lastInput: unknown = undefined;
  private lastInputIndex = -1;
  private lastOutput: unknown = undefined;
  private lastOutputIndex = -1;

  constructor(
    private readonly refs: LogRefs,
    private readonly mark?: string,
  ) {}

  modules(modules: ModuleLog[]): ModuleTuple[] {
    // Lists made at their final length: grown by push they would take several times that.
    const body = new Array<ModuleTuple>(modules.length);
    let previousId = 0;
    for (let i = 0; i < modules.length; i++) {
      body[i] = this.module(modules[i], previousId);
      previousId = modules[i].id;
    }
    return body;
  }

  private module(m: ModuleLog, previousId: number): ModuleTuple {
    let previous = 0;
    let bundles = 0;
    let errors = 0;
    const ops = new Array<OpTuple>(m.ops.length);
    for (let i = 0; i < m.ops.length; i++) {
      const op = m.ops[i];
      ops[i] = this.op(op, previous);
      previous = op.index;
      bundles += op.outputCount;
      if (op.error) errors++;
    }
    const label = this.refs.labelOf?.(m.module) === m.label ? 0 : m.label;
    // 0 means "the previous id + 1"; an id that could be mistaken for it is kept as text.
    const id = m.id === previousId + 1 ? 0 : m.id > 0 ? m.id : String(m.id);
    const derived =
      m.operations === m.ops.length && m.bundlesOut === bundles && m.errors === errors && m.omittedOps === 0;
    return derived
      ? [id, m.module, label, ops]
      : [id, m.module, label, ops, m.operations, m.bundlesOut, m.errors, m.omittedOps];
  }

  private op(op: OperationLog, previous: number): OpTuple {
    let mask = 0;
    let input: unknown;
    let output: unknown;
    if (op.input !== undefined) {
      mask |= INPUT;
      if (this.mark !== undefined) {
        // The input that broke an operation stays even in a truncated log: it is what a user
        // needs to fix the failure, and failures are few.
        input = op.error ? op.input : this.mark;
        this.next++;
      } else {
        const ref = this.inputRef(op.input);
        if (ref >= 0) mask |= INPUT_REF;
        input = ref >= 0 ? ref : op.input;
      }
    }
    if (op.output) {
      mask |= OUTPUT;
      if (this.mark !== undefined) {
        output = [this.mark];
        this.next++;
      } else if (op.output.length !== 1) output = op.output;
      else {
        const bundle = op.output[0];
        const ref = this.outputRef(bundle);
        const patch = ref < 0 && op.input !== undefined ? shallowPatch(op.input, bundle) : undefined;
        if (ref >= 0) mask |= OUTPUT_REF;
        else if (patch) mask |= OUTPUT_PATCH;
        output = ref >= 0 ? ref : (patch ?? op.output);
        if (this.isResponse(bundle)) {
          mask |= RESPONSE;
          this.responseIndex = ref >= 0 ? ref : this.next - 1;
        }
      }
    }
    const usual =
      op.index === previous + 1 &&
      op.cycle === 1 &&
      op.omittedBundles === undefined &&
      !op.error &&
      op.handledBy === undefined;
    // Most operations: their first, in cycle 1, without error; a tuple made at its length.
    if (usual && mask & INPUT && mask & OUTPUT) return [mask, op.durationMs, op.outputCount, input, output];
    const t: OpTuple = [0, op.durationMs, op.outputCount];
    if (op.index !== previous + 1) {
      mask |= INDEX;
      t.push(op.index);
    }
    if (op.cycle !== 1) {
      mask |= CYCLE;
      t.push(op.cycle);
    }
    if (mask & INPUT) t.push(input);
    if (mask & OUTPUT) t.push(output);
    if (op.omittedBundles !== undefined) {
      mask |= OMITTED;
      t.push(op.omittedBundles);
    }
    if (op.error) {
      mask |= ERROR;
      t.push(op.error);
    }
    if (op.handledBy !== undefined) {
      mask |= HANDLED;
      t.push(op.handledBy);
    }
    t[0] = mask;
    return t;
  }

  /** The reference an input is stored as, or -1 when it is stored in full (and counted). */
  private inputRef(value: unknown): number {
    let ref = this.knownValue(value);
    if (ref < 0 && this.lastInputIndex >= 0 && sameJson(value, this.lastInput)) ref = this.lastInputIndex;
    this.lastInput = value;
    this.lastInputIndex = ref >= 0 ? ref : this.next++;
    return ref;
  }

  private outputRef(value: unknown): number {
    let ref = this.knownValue(value);
    if (ref < 0 && this.lastOutputIndex >= 0 && sameJson(value, this.lastOutput)) ref = this.lastOutputIndex;
    this.lastOutput = value;
    this.lastOutputIndex = ref >= 0 ? ref : this.next++;
    return ref;
  }

  /**
   * 0 when the value equals the run input, the response's index once an output held it (objects
   * only: a reference pays off), else -1.
   */
  private knownValue(value: unknown): number {
    if (value === null || typeof value !== 'object') return -1;
    const { input, response } = this.refs;
    if (input !== undefined && (value === input || sameJson(value, input))) return 0;
    if (this.responseIndex >= 0 && sameJson(value, response)) return this.responseIndex;
    return -1;
  }

  /** Whether an output is the first one equal to the response (the one the log holds it in). */
  private isResponse(bundle: unknown): boolean {
    const { response } = this.refs;
    return (
      this.responseIndex < 0 &&
      response !== undefined &&
      bundle !== null &&
      typeof bundle === 'object' &&
      sameJson(bundle, response)
    );
  }
}

function moduleFromTuple(t: ModuleTuple, previousId: number, reader: LogReader, refs: LogRefs): ModuleLog {
  const [id, module, label, tuples] = t;
  let previous = 0;
  const ops = tuples.map((tuple) => {
    const op = opFromTuple(tuple, previous, reader);
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

function opFromTuple(t: OpTuple, previous: number, reader: LogReader): OperationLog {
  const { values } = reader;
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
    else if (mask & OUTPUT_PATCH) {
      op.output = [applyPatch(op.input, t[i++] as Patch)];
      values.push(op.output[0]);
    } else {
      op.output = t[i++] as unknown[];
      // Only a single bundle may be referred to later, as the writer counts them.
      if (op.output.length === 1) values.push(op.output[0]);
    }
    if (mask & RESPONSE && reader.response === undefined) reader.response = op.output[0];
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
