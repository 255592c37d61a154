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
afterAll(() => app.close());

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
