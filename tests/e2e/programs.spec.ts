/**
 * A coordinator sets up a program with the guided setup (each step checked before the next), lands on
 * the overview that says what to do next, and opens enrolment for the first cohort. The account and
 * organization are made through the API (a fixture), the program through the UI.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD, saveScreenshot, signInViaApi, uniqueEmail } from './support/fixtures.ts';

/** A signed-in coordinator (the organization's creator, an admin) with a new organization; its id. */
async function coordinatorWithOrganization(request: APIRequestContext, baseURL: string): Promise<string> {
  const email = uniqueEmail('casey');
  const headers = { origin: baseURL };
  const signUp = await request.post('/api/auth/sign-up/email', {
    data: { name: 'Casey Coordinator', email, password: PASSWORD },
    headers,
  });
  expect(signUp.status(), await signUp.text()).toBe(200);
  await signInViaApi(request, email, PASSWORD);
  const { token } = (await (await request.get('/api/v1/csrf-token')).json()) as { token: string };
  const created = await request.post('/api/v1/organizations', {
    data: {
      name: `Cascade Bar ${Date.now().toString(36)}`,
      kind: 'bar_association',
      jurisdictions: ['US-OR'],
      timeZone: 'America/Los_Angeles',
    },
    headers: { ...headers, 'x-csrf-token': token },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { organization: { id: string } }).organization.id;
}

test('a coordinator creates a program with the guided setup, sees what to do next and opens enrolment', async ({
  page,
  baseURL,
}) => {
  // Six steps, two reloads and a confirmation: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const organizationId = await coordinatorWithOrganization(page.request, baseURL!);

  await test.step('the empty programs list says what to do', async () => {
    await page.goto(`/o/${organizationId}`);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Programs' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No programs yet' })).toBeVisible();
    await page.getByRole('link', { name: 'Create your first program' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New program' })).toBeVisible();
  });

  await test.step('basics: each step is checked before the next', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Must be at least 2 characters')).toBeVisible();
    await page.getByRole('textbox', { name: 'Program name' }).fill('New Lawyer Mentoring 2027');
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('First-year lawyers meet an experienced mentor monthly.');
    await page.getByRole('radio', { name: /Group \/ circle/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Is required for a group program')).toBeVisible();
    await page.getByRole('radio', { name: /One-to-one/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  });

  await test.step('schedule, rules, objectives and expectations', async () => {
    await page.getByLabel('Starts on').fill('2027-02-01');
    await page.getByLabel('Ends on').fill('2026-12-01');
    await page.getByRole('textbox', { name: 'First cohort' }).fill('2027 spring intake');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Must be after the start date')).toBeVisible();
    await page.getByLabel('Ends on').fill('2027-12-15');
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByRole('textbox', { name: 'Default mentor capacity' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Default mentor capacity' }).fill('2');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('button', { name: 'Add an objective' }).click();
    await page.getByRole('textbox', { name: 'Objective' }).fill('90% of mentees meet 6+ times');
    await page.getByRole('button', { name: 'Next' }).click();

    await page
      .getByRole('textbox', { name: 'Confidentiality statement' })
      .fill('What is said in a meeting stays there.');
    await page.getByRole('button', { name: 'Next' }).click();
  });

  await test.step('review and create', async () => {
    await expect(page.getByText('2027 spring intake')).toBeVisible();
    await expect(page.getByText('90% of mentees meet 6+ times')).toBeVisible();
    await saveScreenshot(page, 'programs-setup-review');
    await page.getByRole('button', { name: 'Create program' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New Lawyer Mentoring 2027' })).toBeVisible();
  });

  await test.step('the overview says what to do next, and enrolment opens after a confirmation', async () => {
    const next = page.getByRole('region', { name: 'What to do next' });
    await expect(next.getByText('Build the mentee application form')).toBeVisible();
    await expect(next.getByText('Build the mentor application form')).toBeVisible();
    const cohorts = page.getByRole('region', { name: 'Cohorts' });
    const row = cohorts.getByRole('row', { name: /2027 spring intake/ });
    await expect(row.getByText('Draft', { exact: true })).toBeVisible();
    await saveScreenshot(page, 'programs-overview-draft');
    await row.getByRole('button', { name: 'Open enrolment' }).click();
    const dialog = page.getByRole('dialog', { name: /Open enrolment/ });
    await expect(dialog).toContainText('Members will see the program and be able to apply.');
    await dialog.getByRole('button', { name: 'Open enrolment' }).click();
    await expect(row.getByText('Enrolling', { exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Close enrolment and start matching' })).toBeVisible();
    await expect(next.getByText('Invite people to apply')).toBeVisible();
  });

  await test.step('the list shows the program as enrolling', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Programs' })
      .click();
    const card = page.getByRole('article', { name: 'New Lawyer Mentoring 2027' });
    await expect(card.getByText('Enrolling', { exact: true })).toBeVisible();
    await expect(card.getByText(/2027 spring intake · 1 cohort/)).toBeVisible();
  });
});
