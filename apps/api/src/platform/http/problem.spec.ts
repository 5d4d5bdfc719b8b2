import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  type ArgumentsHost,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { LoginThrottledException } from '../../identity/auth/auth-errors';
import { ErrorFilter, middlewareErrors, RETRY_AFTER_SECONDS, toProblem } from './error-filter';
import { fieldErrorsFrom, pointer, pointerFromPath, problem, PROBLEM_CONTENT_TYPE } from './problem';
import { createValidationPipe } from './validation';

describe('problem', () => {
  it('builds RFC 9457 members with the status phrase as title', () => {
    expect(problem(404, 'Task not found.')).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Task not found.',
    });
  });

  it('keeps extension members but never lets them override the standard ones', () => {
    expect(
      problem(403, 'Change your password first.', {
        extensions: { code: 'password-change-required', status: 200, detail: 'x', message: 'old', ab: 1 },
      }),
    ).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'Change your password first.',
      code: 'password-change-required',
    });
  });

  it('leaves out an empty errors list', () => {
    expect(problem(400, 'x', { errors: [] })).not.toHaveProperty('errors');
  });
});

describe('pointers (RFC 6901)', () => {
  it('escapes ~ and / in reference tokens', () => {
    expect(pointer('data', 0, 'a/b', 'c~d')).toBe('/data/0/a~1b/c~0d');
    expect(pointer()).toBe('');
  });

  it('turns dotted paths into pointers and keeps pointers as they are', () => {
    expect(pointerFromPath('query.dueBefore')).toBe('/query/dueBefore');
    expect(pointerFromPath('data.list[1]')).toBe('/data/list/1');
    expect(pointerFromPath('/data/controls/0/control')).toBe('/data/controls/0/control');
    expect(pointerFromPath('')).toBe('');
  });

  it('reads every shape of field errors the services throw', () => {
    expect(fieldErrorsFrom([{ pointer: '/email', message: 'bad' }])).toEqual([
      { pointer: '/email', message: 'bad' },
    ]);
    expect(fieldErrorsFrom(undefined, [{ field: 'userIds', errors: ['unknown user', 'twice'] }])).toEqual([
      { pointer: '/userIds', message: 'unknown user' },
      { pointer: '/userIds', message: 'twice' },
    ]);
    expect(fieldErrorsFrom(undefined, [{ path: '/name', message: 'is required' }])).toEqual([
      { pointer: '/name', message: 'is required' },
    ]);
    expect(fieldErrorsFrom(undefined, ['the machine has no initial state'])).toEqual([
      { pointer: '', message: 'the machine has no initial state' },
    ]);
    expect(fieldErrorsFrom(undefined, { allowed: ['a'] })).toBeUndefined();
  });
});

describe('toProblem: each error class → the one shape', () => {
  it('an HttpException with a string or an object response', () => {
    expect(toProblem(new NotFoundException('Task not found.'))).toEqual(problem(404, 'Task not found.'));
    expect(toProblem(new ForbiddenException({ message: 'No.', code: 'password-change-required' }))).toEqual({
      ...problem(403, 'No.'),
      code: 'password-change-required',
    });
    expect(toProblem(new HttpException('I am a teapot', 418))).toMatchObject({
      status: 418,
      title: "I'm a Teapot",
    });
  });

  it('413, 422 and 503 keep their status; extension members such as `allowed` stay', () => {
    expect(toProblem(new PayloadTooLargeException({ message: 'The file is larger than 10 MB.' }))).toEqual(
      problem(413, 'The file is larger than 10 MB.'),
    );
    expect(
      toProblem(
        new UnprocessableEntityException({ message: 'Bad form.', details: ['no fields'], allowed: ['a'] }),
      ),
    ).toEqual({
      ...problem(422, 'Bad form.', { errors: [{ pointer: '', message: 'no fields' }] }),
      allowed: ['a'],
    });
    expect(toProblem(new ServiceUnavailableException({ message: 'database unreachable' }))).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
    });
  });

  it('a DTO violation names each field by pointer, in the body, the query or the path', async () => {
    class Dto {}
    const pipe = createValidationPipe();
    const error = await pipe
      .transform({ extra: 1 }, { type: 'body', metatype: Dto })
      .catch((e: unknown) => e as BadRequestException);
    expect(toProblem(error)).toMatchObject({
      status: 400,
      errors: [{ pointer: '/extra', message: 'property extra should not exist' }],
    });
    const inQuery = await pipe
      .transform({ extra: 1 }, { type: 'query', metatype: Dto })
      .catch((e: unknown) => e as BadRequestException);
    expect(toProblem(inQuery)).toMatchObject({ errors: [{ pointer: '/query/extra' }] });
    const inPath = await pipe
      .transform('99999999999', { type: 'param', metatype: Number, data: 'version' })
      .catch((e: unknown) => e as BadRequestException);
    expect(toProblem(inPath)).toMatchObject({ status: 400, errors: [{ pointer: '/params/version' }] });
  });

  it('lost races are 409s', () => {
    expect(toProblem(new OptimisticLockVersionMismatchError('Task', 1, 2))).toMatchObject({ status: 409 });
    const unique = Object.assign(new QueryFailedError('INSERT', [], new Error('dup')), { code: '23505' });
    expect(toProblem(unique)).toMatchObject({ status: 409, title: 'Conflict' });
    const serialization = Object.assign(new QueryFailedError('UPDATE', [], new Error('x')), {
      code: '40001',
    });
    expect(toProblem(serialization)).toMatchObject({ status: 409 });
  });

  it("PostgreSQL's data exceptions are 400s that do not echo the value", () => {
    const nul = Object.assign(new QueryFailedError('INSERT', [], new Error('x')), {
      code: '22P05',
      message: 'unsupported Unicode escape sequence: "secret\\u0000"',
    });
    const body = toProblem(nul);
    expect(body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(body.detail).not.toContain('secret');
  });

  it('an unreachable database is a 503; anything else a 500 that names nothing internal', () => {
    expect(
      toProblem(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' })),
    ).toEqual(problem(503, 'The database is unreachable; retry shortly.'));
    const internal = toProblem(new TypeError("Cannot read properties of undefined (reading 'secretColumn')"));
    expect(internal).toEqual(problem(500, 'Something went wrong on our side.'));
    expect(JSON.stringify(internal)).not.toContain('secretColumn');
  });
});

describe('ErrorFilter', () => {
  function run(exception: unknown) {
    const headers: Record<string, string> = {};
    const sent: { status?: number; type?: string; body?: string } = {};
    const res = {
      locals: {},
      setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(value: string) {
        sent.type = value;
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
    } as unknown as Response;
    const req = { originalUrl: '/api/tasks/1?cursor=secret', url: '/api/tasks/1', log: { error: jest.fn() } };
    const host = {
      switchToHttp: () => ({ getRequest: () => req as unknown as Request, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    new ErrorFilter().catch(exception, host);
    return { headers, sent, body: JSON.parse(sent.body ?? 'null'), req };
  }

  it('answers application/problem+json with the request path as instance (no query string)', () => {
    const { sent, body } = run(new NotFoundException('Task not found.'));
    expect(sent).toMatchObject({ status: 404, type: PROBLEM_CONTENT_TYPE });
    expect(body).toEqual({ ...problem(404, 'Task not found.'), instance: '/api/tasks/1' });
  });

  it('sends Retry-After for a 503 and for a throttled login (429)', () => {
    expect(run(new ServiceUnavailableException('down')).headers['retry-after']).toBe(
      String(RETRY_AFTER_SECONDS),
    );
    const throttled = run(new LoginThrottledException(42));
    expect(throttled.headers['retry-after']).toBe('42');
    expect(throttled.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it("logs a 500 on the request's logger, with the error", () => {
    const error = new Error('boom');
    const { req } = run(error);
    expect(req.log.error).toHaveBeenCalledWith({ err: error }, 'unhandled error');
  });
});

describe('middlewareErrors', () => {
  it('answers an error thrown by a plain Express middleware as a problem, not an HTML page', () => {
    const sent: { status?: number; type?: string; body?: string } = {};
    const res = {
      headersSent: false,
      locals: {},
      setHeader: jest.fn(),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(value: string) {
        sent.type = value;
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
    } as unknown as Response;
    const next = jest.fn();
    const req = { originalUrl: '/api/x', log: { error: jest.fn() } } as unknown as Request;
    middlewareErrors(new Error('db password is hunter2'), req, res, next);
    expect(next).not.toHaveBeenCalled();
    expect(sent).toMatchObject({ status: 500, type: PROBLEM_CONTENT_TYPE });
    expect(sent.body).not.toContain('hunter2');
  });
});
