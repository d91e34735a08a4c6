import { describeSchedule, type Schedule } from '@integrator/engine';
import { isOnDemand, isTimeSchedule, maxResultsOf } from '../scheduler/time-schedule';

/** The key of the blueprint's first module ('' without one). */
export function firstModuleOf(blueprint: Record<string, unknown>): string {
  const first = (blueprint.flow as Array<{ module?: unknown }> | undefined)?.[0];
  return typeof first?.module === 'string' ? first.module : '';
}

/**
 * How the scenario runs, in words. A scenario with an instant trigger and no schedule runs as
 * requests arrive (Make labels it so by default); with a time schedule its requests wait in the
 * webhook's queue for the scheduled runs, and "On demand" until it is run; `queueText` says so.
 */
export function scheduleTexts(
  schedule: Record<string, unknown> | null,
  instant: boolean,
  blueprint: Record<string, unknown>,
): { instant: boolean; scheduleText: string; queueText?: string } {
  if (!schedule) return { instant, scheduleText: instant ? 'Immediately as data arrives' : 'On demand' };
  const scheduleText = describeSchedule(schedule as unknown as Schedule);
  const most = maxResultsOf(blueprint);
  if (instant && isOnDemand(schedule))
    return {
      instant,
      scheduleText,
      queueText: `Requests wait in the queue until the scenario is run (at most ${most} per run).`,
    };
  if (!instant || !isTimeSchedule(schedule)) return { instant, scheduleText };
  const when = scheduleText.charAt(0).toLowerCase() + scheduleText.slice(1);
  const at = /^(every|each)/.test(when) ? when : `on schedule (${when})`;
  return {
    instant,
    scheduleText,
    queueText: `Requests wait in the queue and are processed ${at}, at most ${most} per run.`,
  };
}
