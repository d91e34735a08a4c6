export * from './types';
export { validateSchedule, parseSchedule, formatScheduleIssues } from './validate';
export { nextRuns, dueSlot, dueSlotOf, compileSchedule, type CompiledSchedule } from './runs';
export { describeSchedule } from './describe';
export * from './backoff';
