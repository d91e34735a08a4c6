export * from './blueprint';
export * from './format';
export * from './registry';
export * from './compile/types';
export { compileBlueprint } from './compile/compile';
export * from './mapping';
export * from './filters/operators';
export { compileFilter } from './filters/filter';
export * from './runner/types';
export { RunStop, type StopSwitch } from './runner/stop-switch';
export {
  runScenario,
  resumeIncomplete,
  InvalidScenarioError,
  forRunOnce,
  isMissingMapperField,
} from './runner/run';
export { Execution } from './runner/execution';
export { systemClock, FakeClock } from './runner/clock';
export { silentLogger } from './runner/logger';
export { capValue, jsonSize } from './runner/cap';
export * from './http';
export * from './schedule';
export * from './import';
export * from './net/ip';
export {
  encodeModuleLogs,
  decodeModuleLogs,
  truncatedMark,
  LOG_FORMAT,
  DEFAULT_LOG_CODEC_LIMITS,
  encodeRunLog,
  decodeRunLog,
  type EncodedLog,
  type DecodedLog,
  type LogCodecLimits,
} from './runner/log-codec';
