import type { AppConfig } from '../config/app-config';

export const CLOCK = Symbol('CLOCK');

/** The server's notion of now (tests pin it). */
export interface ServerClock {
  now(): number;
}

export function serverClock(config: AppConfig): ServerClock {
  return { now: config.now ?? (() => Date.now()) };
}
