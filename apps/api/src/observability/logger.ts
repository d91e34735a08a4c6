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
  return { write: (line: string) => destination.write(format(line)) };
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

/** What modules log during a run, tagged with the execution and module. */
export function engineLogger(base: Pino, executionId: string, scenarioId: number): EngineLogger {
  const log = base.child({ executionId, scenarioId });
  return {
    debug: (m, d) => log.debug(d ?? {}, m),
    info: (m, d) => log.info(d ?? {}, m),
    warn: (m, d) => log.warn(d ?? {}, m),
    error: (m, d) => log.error(d ?? {}, m),
  };
}
