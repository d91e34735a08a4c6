import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BodyLimitException, tooLargeMessage } from './body-limits';

export interface FieldError {
  path: string;
  message: string;
}

/** A 400 that names the failing fields. */
export class FieldsException extends HttpException {
  constructor(
    readonly fields: FieldError[],
    message = fields.map((f) => `${f.path}: ${f.message}`).join('; '),
  ) {
    super({ statusCode: 400, error: 'Bad Request', message, fields }, HttpStatus.BAD_REQUEST);
  }
}

const log = new Logger('Errors');

/**
 * The one exception filter: every error leaves as JSON { statusCode, error, message, fields? },
 * never with a stack trace. Unexpected errors are logged and answered with a plain 500.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  constructor(@Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body } = errorAnswer(exception, request, this.config?.bodyLimitBytes);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/**
 * The answer to an error, logged as the filter logs it: the filter and the webhook fast path
 * (which answers outside Nest) both use it, so an error reads the same whichever sent it.
 */
export function errorAnswer(
  exception: unknown,
  request: { method: string; url: string },
  bodyLimitBytes?: number,
): { status: number; body: Record<string, unknown> } {
  const { status, body } = toResponse(exception, bodyLimitBytes);
  if (status >= 500)
    log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  else if (exception instanceof BodyLimitException || status === 413) {
    // Refused bodies are what floods arrive as: one short line each, no stack.
    log.warn(`${request.method} ${request.url.split('?')[0]}: ${status} ${String(body.message)}`);
  }
  return { status, body: plainBody(body) };
}

// Internal class names ("TypeError: …", "QueryFailedError", "Error: …") mean nothing to the
// person reading the message: a compound name ending in Error or Exception goes, with its colon,
// and so does a bare "Error:" prefix. A lone word "Error" in a sentence ("Error handler") stays.
const CLASS_NAME = /\b(?:[A-Z][a-z0-9]*)+(?:Error|Exception)\b:?\s*|\b(?:Error|Exception):\s*/g;

/** A message without internal class names; never empty. */
export function plainMessage(message: string): string {
  const plain = message
    .replace(CLASS_NAME, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return plain || 'the request could not be handled';
}

function plainBody(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  if (typeof out.message === 'string') out.message = plainMessage(out.message);
  if (Array.isArray(out.fields))
    out.fields = (out.fields as FieldError[]).map((f) =>
      typeof f?.message === 'string' ? { ...f, message: plainMessage(f.message) } : f,
    );
  return out;
}

function toResponse(
  exception: unknown,
  bodyLimitBytes?: number,
): { status: number; body: Record<string, unknown> } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    let r = exception.getResponse();
    // Fastify's own "too large" reaches us through Nest as a bare HttpException: name the limit.
    if (status === 413 && r === 'Request body is too large' && bodyLimitBytes)
      r = tooLargeMessage(bodyLimitBytes);
    const body =
      typeof r === 'string'
        ? { statusCode: status, error: reason(status), message: r }
        : { statusCode: status, error: reason(status), ...(r as object) };
    if (Array.isArray(body.message)) body.message = (body.message as string[]).join('; ');
    return { status, body };
  }
  const e = exception as { code?: string; statusCode?: number; message?: string };
  if (
    exception instanceof QueryFailedError &&
    (e.code === '23505' || /UNIQUE constraint/.test(e.message ?? ''))
  ) {
    return {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'a record with these values already exists' },
    };
  }
  // Fastify's own errors (body too large, bad JSON, bad content type) carry a status.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const message =
      e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? bodyLimitBytes
          ? tooLargeMessage(bodyLimitBytes)
          : 'the request body is too large'
        : (e.message ?? reason(e.statusCode));
    return { status: e.statusCode, body: { statusCode: e.statusCode, error: reason(e.statusCode), message } };
  }
  return {
    status: 500,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'something went wrong on our side' },
  };
}

function reason(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return names[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
