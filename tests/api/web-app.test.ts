import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { FastifyInstance } from 'fastify';

let t: TestApp;
let web: FastifyInstance;
let webDir: string;
beforeAll(async () => {
  t = await createTestApp();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secondchair-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>Second Chair</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(webDir, 'assets', 'app-123.js'), 'console.log(1)');
  web = await buildServer(t.runtime, { webDir });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers client-side routes with index.html', async () => {
    const response = await web.inject({ method: 'GET', url: '/o/some-organization/members' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<div id="root">');
  });

  it('serves built assets', async () => {
    const response = await web.inject({ method: 'GET', url: '/assets/app-123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(1)');
  });

  it('answers a missing asset with 404, not with index.html', async () => {
    const response = await web.inject({ method: 'GET', url: '/assets/app-old.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const response = await web.inject({ method: 'GET', url: '/api/v1/unknown' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
