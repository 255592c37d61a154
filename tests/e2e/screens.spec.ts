/**
 * The main pages on the demo installation, on a desktop and on a phone: each has one h1, a main
 * landmark and a title, nothing overflows sideways, and a screenshot is saved to
 * test-results/screenshots/ for people to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { printedDemoLogins } from './support/demo-logins.ts';
import { PHONE, saveScreenshot, signInViaApi } from './support/fixtures.ts';

async function expectWellFormedPage(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page).toHaveTitle(/· Second Chair$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

for (const device of ['desktop', 'phone'] as const) {
  test(`main pages on a ${device}`, async ({ page }) => {
    // Eight pages and their screenshots: on a loaded two-core machine this walk alone can take most of a minute.
    test.setTimeout(150_000);
    if (device === 'phone') await page.setViewportSize(PHONE);
    const login = printedDemoLogins().find((candidate) => candidate.description.includes('platform admin'))!;

    await page.goto('/sign-in');
    await expectWellFormedPage(page, 'Sign in');
    await saveScreenshot(page, `${device}-sign-in`);

    await signInViaApi(page.request, login.email, login.password);
    await page.goto('/');
    await expect(page).toHaveURL(/\/o\/[^/]+$/);
    await expect(page.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    const organizationPath = new URL(page.url()).pathname;
    const organizationName = (await page.getByRole('heading', { level: 1 }).textContent())!;
    await expectWellFormedPage(page, organizationName);
    await saveScreenshot(page, `${device}-overview`);

    const pages: Array<[path: string, heading: string | RegExp, name: string]> = [
      [`${organizationPath}/members`, 'Members', 'members'],
      [`${organizationPath}/invitations`, 'Invitations', 'invitations'],
      [`${organizationPath}/settings`, 'Settings', 'settings'],
      [`${organizationPath}/profile`, 'My profile', 'my-profile'],
      ['/organizations/new', 'Create an organization', 'create-organization'],
      ['/admin/emails', 'Email outbox', 'email-outbox'],
    ];
    for (const [path, heading, name] of pages) {
      await page.goto(path);
      await expectWellFormedPage(page, heading);
      await saveScreenshot(page, `${device}-${name}`);
    }

    // A member's profile, from the members list.
    await page.goto(`${organizationPath}/members`);
    const someone = page.getByRole('main').getByRole('link').filter({ hasNotText: 'Invite' }).first();
    const someoneName = (await someone.textContent())!;
    await someone.click();
    await expectWellFormedPage(page, someoneName);
    await expect(page.getByText('Practice areas')).toBeVisible();
    await saveScreenshot(page, `${device}-member-profile`);

    if (device === 'phone') {
      // The navigation hides behind the burger button on a phone.
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await expect(nav.getByRole('link', { name: 'Members' })).not.toBeInViewport();
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect(nav.getByRole('link', { name: 'Members' })).toBeInViewport();
      await saveScreenshot(page, `${device}-navigation-open`);
      // Escape closes it again and returns to the button.
      await nav.getByRole('link', { name: 'Members' }).focus();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'Open navigation' })).toBeFocused();
      await expect(nav.getByRole('link', { name: 'Members' })).not.toBeInViewport();
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await nav.getByRole('link', { name: 'Settings' }).click();
      await expectWellFormedPage(page, 'Settings');
      await expect(nav.getByRole('link', { name: 'Members' })).not.toBeInViewport();
    }
  });
}
