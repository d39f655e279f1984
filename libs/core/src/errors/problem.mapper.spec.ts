import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ConflictError, TooManyRequestsError, ValidationError } from './app-error';
import { toProblem } from './problem.mapper';

const ctx = { requestId: 'req-1', path: '/api/v1/things' };

describe('toProblem', () => {
  it('maps domain errors with their code, extensions and headers', () => {
    const { problem, headers, serverFault } = toProblem(new TooManyRequestsError('Slow down', 30), ctx);
    expect(problem).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30, instance: '/api/v1/things', requestId: 'req-1' });
    expect(headers).toEqual({ 'Retry-After': '30' });
    expect(serverFault).toBe(false);
  });

  it('keeps field errors of validation failures', () => {
    const { problem } = toProblem(new ValidationError([{ field: 'email', message: 'email must be an email' }]), ctx);
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'email', message: 'email must be an email' }] });
    expect(problem.type).toMatch(/validation-error$/);
  });

  it('maps Nest HTTP exceptions without leaking their internals', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), ctx).problem).toMatchObject({ status: 404, detail: 'Cannot GET /x' });
    const bad = toProblem(new BadRequestException(['a is bad', 'b is bad']), ctx).problem;
    expect(bad.detail).toBe('a is bad; b is bad');
    expect(bad).not.toHaveProperty('statusCode');
    expect(toProblem(new HttpException('Request body is too large', 413), ctx).problem.type).toMatch(/payload-too-large$/);
  });

  it('hides unknown errors behind a generic 500', () => {
    const { problem, serverFault } = toProblem(new Error('connect ECONNREFUSED 10.0.0.5:3306 user=root'), ctx);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|root|3306/);
    expect(serverFault).toBe(true);
  });

  it('gives each conflict its machine code', () => {
    expect(toProblem(new ConflictError('Already used', 'email_taken'), ctx).problem).toMatchObject({ status: 409, code: 'email_taken' });
  });
});
