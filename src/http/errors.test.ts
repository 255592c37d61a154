import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { handleError } from './errors.ts';

const app = Fastify({ logger: false });
app.setErrorHandler(handleError);
app.get('/crash', async () => {
  throw new Error('connect ECONNREFUSED postgres://app:s3cret@db.internal/secondchair');
});
app.get('/internal', async () => {
  throw new AppError('INTERNAL', 'Export failed', { issues: [{ path: 'table', message: 'users s3cret' }] });
});
app.get('/throttled', async () => {
  throw new AppError('RATE_LIMITED', 'Too many attempts for this account', { retryAfterSeconds: 17 });
});
app.get('/throttled-unsaid', async () => {
  throw new AppError('RATE_LIMITED', 'Too many attempts');
});
app.get('/plugin-429', async (_request, reply) => {
  reply.header('retry-after', 42);
  throw Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 });
});
afterAll(() => app.close());

describe('429 responses', () => {
  it('always carry Retry-After, agreeing with details.retryAfterSeconds', async () => {
    for (const [url, seconds] of [
      ['/throttled', 17],
      ['/throttled-unsaid', 60],
      ['/plugin-429', 42],
    ] as const) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(429);
      expect(response.headers['retry-after'], url).toBe(String(seconds));
      expect(response.json().error, url).toMatchObject({
        code: 'RATE_LIMITED',
        details: { retryAfterSeconds: seconds },
        requestId: expect.any(String),
      });
    }
  });
});

describe('500 responses', () => {
  it('say nothing of an unexpected error but that it was logged, with the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('s3cret');
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.json()).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side; it has been logged',
        requestId: expect.any(String),
      },
    });
  });

  it('drop the details of an AppError that maps to a 5xx status', async () => {
    const response = await app.inject({ method: 'GET', url: '/internal' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.details).toBeUndefined();
    expect(response.body).not.toContain('s3cret');
  });
});
