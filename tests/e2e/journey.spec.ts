/**
 * The journey of the foundation issue, through the UI in real Chromium: someone signs up (then signs
 * in with their password), creates an organization and invites a colleague; the colleague opens the
 * emailed link in another browser, signs up with the invited address, follows the confirmation link
 * (which signs them in and brings them back to the invitation) and accepts; both then see each other
 * on the members list. Sign-up never signs in by itself: its answer must not tell whether the address
 * already had an account. A confirms her own address before inviting: invitations go out only from
 * confirmed addresses.
 */
import { expect, test } from '@playwright/test';
import { PASSWORD, platformAdmin, readEmailedLink, saveScreenshot, uniqueEmail } from './support/fixtures.ts';

test('sign up → create organization → invite → accept in a second browser → both see the members', async ({
  page,
  browser,
  baseURL,
}) => {
  const alice = { name: 'Alice Okafor', email: uniqueEmail('alice') };
  const ben = { name: 'Ben Castillo', email: uniqueEmail('ben') };
  const organizationName = `Riverside Legal Aid ${Date.now().toString(36)}`;
  let invitationLink = '';

  await test.step('A signs up', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page).toHaveTitle('Sign in · Second Chair');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('textbox', { name: 'Full name' }).fill(alice.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(alice.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(alice.email);
    await saveScreenshot(page, 'journey-sign-up-check-email');
    // A signs in with the new password instead of following the link.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in\?/);
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(alice.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/organizations\/new$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Create an organization' })).toBeVisible();
    // A new account has not confirmed its address yet.
    await expect(page.getByText('Please confirm your email address')).toBeVisible();
  });

  await test.step('A creates an organization', async () => {
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(organizationName);
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Legal-aid organization' }).click();
    const jurisdictions = page.getByRole('combobox', { name: 'Jurisdictions' });
    // Typing a state's name adds its code; picking from the suggestions works too.
    await jurisdictions.fill('Oregon');
    await jurisdictions.press('Enter');
    await jurisdictions.fill('ohio');
    await page.getByRole('option', { name: /Ohio/ }).click();
    // The time zone defaults to the browser's (America/Los_Angeles in this test).
    await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/America\/Los Angeles/);
    await saveScreenshot(page, 'journey-create-organization');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await expect(page).toHaveURL(/\/o\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: organizationName })).toBeVisible();
    await expect(page.getByText('Oregon (US-OR)')).toBeVisible();
    await expect(page.getByText('Ohio (US-OH)')).toBeVisible();
    await expect(page.getByText('Organization admin')).toBeVisible();
  });

  await test.step('A confirms her address (invitations go out only from confirmed addresses)', async () => {
    const organizationUrl = page.url();
    const admin = await platformAdmin(baseURL!);
    const confirmationLink = await readEmailedLink(admin, alice.email, 'email-verification');
    await admin.dispose();
    await page.goto(confirmationLink);
    await page.goto(organizationUrl);
    await expect(page.getByRole('heading', { level: 1, name: organizationName })).toBeVisible();
    await expect(page.getByText('Please confirm your email address')).toHaveCount(0);
  });

  await test.step('A invites B by email', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Invitations' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
    await expect(page.getByText('No invitations yet.')).toBeVisible();
    await page.getByRole('textbox', { name: 'Email' }).fill(ben.email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const row = page.getByRole('row').filter({ hasText: ben.email });
    await expect(row).toContainText('Pending');
    await expect(row).toContainText('Member');
    await expect(row.getByRole('button', { name: `Revoke the invitation to ${ben.email}` })).toBeVisible();
    await saveScreenshot(page, 'journey-invitations');
  });

  await test.step('the invitation link is read from the development outbox', async () => {
    const admin = await platformAdmin(baseURL!);
    invitationLink = await readEmailedLink(admin, ben.email, 'invitation');
    await admin.dispose();
    expect(invitationLink).toMatch(new RegExp(`^${baseURL}/invitations/\\S+$`));
  });

  await test.step('A, signed in as someone else, is told the link is not for them', async () => {
    await page.goto(invitationLink);
    await expect(page.getByRole('heading', { level: 1, name: `Join ${organizationName}` })).toBeVisible();
    await expect(page.getByText('This invitation is for someone else')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
  });

  await test.step('B opens the link in a second browser, signs up with the invited address and accepts', async () => {
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    await pageB.goto(invitationLink);
    await expect(pageB.getByRole('heading', { level: 1, name: `Join ${organizationName}` })).toBeVisible();
    await expect(pageB.getByText(`Invitation for ${ben.email}`)).toBeVisible();
    await saveScreenshot(pageB, 'journey-invitation-preview');
    await pageB.getByRole('link', { name: 'Create an account' }).click();

    await expect(pageB).toHaveURL(/\/sign-up\?/);
    await expect(pageB.getByRole('textbox', { name: 'Email' })).toHaveValue(ben.email);
    await pageB.getByRole('textbox', { name: 'Full name' }).fill(ben.name);
    await pageB.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await pageB.getByRole('button', { name: 'Create account' }).click();
    await expect(pageB.getByRole('heading', { name: 'Check your email' })).toBeVisible();

    // The confirmation link signs B in and lands back on the invitation.
    const admin = await platformAdmin(baseURL!);
    const confirmationLink = await readEmailedLink(admin, ben.email, 'email-verification');
    await admin.dispose();
    await pageB.goto(confirmationLink);
    await expect(pageB).toHaveURL(/\/invitations\//);
    await expect(pageB.getByText(`Signed in as ${ben.email}`)).toBeVisible();
    await pageB.getByRole('button', { name: 'Accept invitation' }).click();

    await expect(pageB).toHaveURL(/\/o\/[^/]+\/members$/);
    await expect(pageB.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
    await expect(pageB.getByRole('row').filter({ hasText: ben.name })).toContainText('Member');
    await expect(pageB.getByRole('row').filter({ hasText: alice.name })).toContainText('Organization admin');
    // Following the emailed link proved B's address: no request to confirm it.
    await expect(pageB.getByText('Please confirm your email address')).toHaveCount(0);
    // B is a member: no role changes, no removals, no invitations.
    await expect(pageB.getByRole('button', { name: `Remove ${alice.name}` })).toHaveCount(0);
    await expect(pageB.getByRole('combobox', { name: /^Role of / })).toHaveCount(0);
    await expect(
      pageB.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Invitations' }),
    ).toHaveCount(0);
    await saveScreenshot(pageB, 'journey-members-as-b');
    await contextB.close();
  });

  await test.step('A sees both on the members list, and may change B’s role', async () => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Members' })
      .click();
    await expect(page.getByRole('row').filter({ hasText: alice.name })).toBeVisible();
    const benRow = page.getByRole('row').filter({ hasText: ben.name });
    await expect(benRow).toBeVisible();
    await expect(benRow.getByRole('combobox', { name: `Role of ${ben.name}` })).toHaveValue('Member');
    await expect(benRow.getByRole('button', { name: `Remove ${ben.name}` })).toBeVisible();
    await saveScreenshot(page, 'journey-members-as-a');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Invitations' })
      .click();
    await expect(page.getByRole('row').filter({ hasText: ben.email })).toContainText('Accepted');
  });
});
