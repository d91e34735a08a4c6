import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorsFilter, FieldsException, plainMessage } from './errors.filter';

// What leaves the one exception filter: a message for people, never an internal class name.

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ method: 'GET', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  new ErrorsFilter().catch(exception, host);
  return sent;
}

describe('ErrorsFilter', () => {
  it('takes class names out of a 400 message and its field messages', () => {
    const { status, body } = answer(
      new FieldsException([
        { path: 'url', message: 'TypeError: Invalid URL' },
        { path: 'body', message: 'SyntaxError: Unexpected token } in JSON at position 4' },
      ]),
    );
    expect(status).toBe(400);
    expect(body.fields).toEqual([
      { path: 'url', message: 'Invalid URL' },
      { path: 'body', message: 'Unexpected token } in JSON at position 4' },
    ]);
    expect(body.message).toBe('url: Invalid URL; body: Unexpected token } in JSON at position 4');
    expect(JSON.stringify(body)).not.toMatch(/TypeError|SyntaxError/);
  });

  it('says something plain when the message was only a class name', () => {
    expect(answer(new BadRequestException('QueryFailedError')).body.message).toBe(
      'the request could not be handled',
    );
    expect(
      answer(new BadRequestException('the request failed: Error: connect ECONNREFUSED')).body.message,
    ).toBe('the request failed: connect ECONNREFUSED');
  });

  it('answers a database failure with a plain message, not the driver error', () => {
    const failure = new QueryFailedError(
      'INSERT …',
      [],
      new Error('SQLITE_CONSTRAINT: NOT NULL constraint failed'),
    );
    const { status, body } = answer(failure);
    expect(status).toBe(500);
    expect(body.message).toBe('something went wrong on our side');
    expect(JSON.stringify(body)).not.toMatch(/QueryFailedError|SQLITE/);
    const unique = new QueryFailedError('INSERT …', [], new Error('UNIQUE constraint failed: hook.name'));
    expect(answer(unique)).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'a record with these values already exists' },
    });
  });

  it('keeps the word "error" in a sentence', () => {
    expect(plainMessage('an Error handler needs a module before it')).toBe(
      'an Error handler needs a module before it',
    );
    expect(plainMessage('a TypeError: x')).toBe('a x');
  });
});
