import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { Logger as EngineLogger } from '@integrator/sdk';

// Keys whose values never reach a log line (DESIGN security notes), wherever they appear.
const REDACT = [
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.clientSecret',
  '*.accessToken',
  '*.refreshToken',
  'headers.authorization',
];

/**
 * Structured JSON logs (one line each, with execution ids where there is one). A person at a
 * terminal gets them readable instead; anything else (a file, a pipe, a log collector) gets JSON.
 */
export function createPino(
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: { write(line: string): void; isTTY?: boolean },
): Pino {
  const options = { level, base: { pid: process.pid }, redact: { paths: REDACT, censor: '***' } };
  const target = destination ?? process.stdout;
  if (target.isTTY) return pino(options, forTerminal(target));
  // pino's own writer on stdout (sonic-boom) is much cheaper than a Node stream.
  return destination ? pino(options, destination) : pino(options);
}

function forTerminal(destination: { write(line: string): void }): DestinationStream {
  const format = prettyFactory({
    colorize: destination === process.stdout,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  // A chunk may hold several lines (run-summaries.ts writes its lines in batches).
  return {
    write: (chunk: string) => {
      for (const line of chunk.split('\n')) if (line) destination.write(format(line));
    },
  };
}

export const PINO = Symbol('PINO');

/** Nest's logger interface on pino: the context becomes a field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}

/**
 * What modules log during a run, tagged with the execution and scenario. A run holds only this
 * small object (methods on the prototype); the ids become fields of the line on the shared
 * logger when a module actually logs, instead of a pino child per execution (~4 % of a short
 * run's CPU when every run made one).
 */
class ExecutionLogger implements EngineLogger {
  constructor(
    private readonly base: Pino,
    private readonly executionId: string,
    private readonly scenarioId: number,
  ) {}

  debug(message: string, data?: Record<string, unknown>): void {
    if (this.base.isLevelEnabled('debug')) this.base.debug(this.fields(data), message);
  }
  info(message: string, data?: Record<string, unknown>): void {
    if (this.base.isLevelEnabled('info')) this.base.info(this.fields(data), message);
  }
  warn(message: string, data?: Record<string, unknown>): void {
    if (this.base.isLevelEnabled('warn')) this.base.warn(this.fields(data), message);
  }
  error(message: string, data?: Record<string, unknown>): void {
    this.base.error(this.fields(data), message);
  }

  private fields(data?: Record<string, unknown>): Record<string, unknown> {
    return { ...data, executionId: this.executionId, scenarioId: this.scenarioId };
  }
}

export function engineLogger(base: Pino, executionId: string, scenarioId: number): EngineLogger {
  return new ExecutionLogger(base, executionId, scenarioId);
}
