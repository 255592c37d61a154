/**
 * Helpers for the browser tests: sign in through the API with a browser context's own request object
 * (so the context gets the session cookie), read emailed links from the development outbox as a platform
 * admin, and save screenshots of pages for people to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'correct-horse-battery-staple';

/** A unique, readable address for this run. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@e2e.example`;
}

/** Signs in through POST /api/auth/sign-in/email; the cookie lands in the context of `request`. */
export async function signInViaApi(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<void> {
  const response = await request.post('/api/auth/sign-in/email', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
}

/** A request context of its own, signed in as the platform admin created before the server started. */
export async function platformAdmin(baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  await signInViaApi(context, process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);
  return context;
}

interface OutboxSummary {
  id: string;
  to: string;
  template: string;
  subject: string;
}

/** The first link in the newest outbox email with `template` to `to` (waits for it to be recorded). */
export async function readEmailedLink(
  admin: APIRequestContext,
  to: string,
  template: string,
): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const list = await admin.get('/api/v1/admin/emails', { params: { to } });
        expect(list.status(), await list.text()).toBe(200);
        const { emails } = (await list.json()) as { emails: OutboxSummary[] };
        const email = emails.find((candidate) => candidate.template === template);
        if (!email) return undefined;
        const detail = await admin.get(`/api/v1/admin/emails/${email.id}`);
        const { email: full } = (await detail.json()) as { email: { text: string } };
        link = /https?:\/\/\S+/.exec(full.text)?.[0];
        return link;
      },
      { message: `an email "${template}" to ${to} with a link`, timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Let fonts, transitions and notifications settle so the picture shows the page as people see it.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const file = path.join('test-results', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

export const PHONE = { width: 390, height: 844 };
