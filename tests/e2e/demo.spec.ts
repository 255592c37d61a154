/**
 * The demo installation: a login printed by `secondchair start` works in the browser, with the
 * keyboard alone, and opens an organization that can be switched.
 */
import { expect, test } from '@playwright/test';
import { printedDemoLogins } from './support/demo-logins.ts';
import { signInViaApi } from './support/fixtures.ts';

test('the printed demo login signs in, using only the keyboard', async ({ page }) => {
  const logins = printedDemoLogins();
  expect(logins.length).toBeGreaterThan(3);
  const admin = logins.find((login) => login.description.includes('platform admin')) ?? logins[0];

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  // The email field has the focus when the page opens.
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeFocused();
  await page.keyboard.type(admin.email);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeFocused();
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/o\/[^/]+$/);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).not.toHaveText('Sign in');
  const firstOrganization = (await heading.textContent())!;

  // On a fresh page load the first Tab reaches the skip link, which jumps to the page content.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: firstOrganization })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // Switch to the other demo organization with the header menu.
  await page.getByRole('button', { name: /Switch organization/ }).click();
  const other = page
    .getByRole('menuitem')
    .filter({ hasNotText: firstOrganization })
    .filter({ hasNotText: 'Create' });
  await expect(other).toHaveCount(1);
  const otherName = (await other.locator('p').first().textContent())!;
  await other.click();
  await expect(page.getByRole('heading', { level: 1, name: otherName })).toBeVisible();

  // The choice is remembered: the home address reopens the organization used last.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: otherName })).toBeVisible();
});

test('a wrong password is refused with a message next to the form', async ({ page }) => {
  const [login] = printedDemoLogins();
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(login.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('You are not signed in')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('another organization’s address reads as not found, and signing out ends the session', async ({
  page,
}) => {
  const [login] = printedDemoLogins();
  await signInViaApi(page.request, login.email, login.password);

  await page.goto('/o/00000000-0000-4000-8000-000000000000/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Organization not found' })).toBeVisible();
  await expect(page).toHaveTitle('Organization not found · Second Chair');

  await page.getByRole('button', { name: /^Account: / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The session is gone on the server too: a signed-in page sends people back to sign in.
  await page.goto('/organizations/new');
  await expect(page).toHaveURL(/\/sign-in\?redirect=%2Forganizations%2Fnew$/);
});
