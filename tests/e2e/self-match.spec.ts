/**
 * Self-match in the browser: a mentee finds a recommended mentor and sends a request with a note; the
 * mentor accepts it from "My requests"; both see the request accepted. The program, the two people and
 * their applications are seeded before the server starts (support/seed-self-match.ts).
 */
import { expect, test } from '@playwright/test';
import { signInViaApi } from './support/fixtures.ts';
import { SELF_MATCH_SEED } from './support/seed-self-match.ts';

const { organizationId, programId, password, mentor, mentee } = SELF_MATCH_SEED;

test('a mentee requests a mentor, the mentor accepts, both see the match', async ({ browser }) => {
  const menteeContext = await browser.newContext();
  await signInViaApi(menteeContext.request, mentee.email, password);
  const menteePage = await menteeContext.newPage();
  await menteePage.goto(`/o/${organizationId}/programs/${programId}/mentors`);
  await expect(menteePage.getByRole('heading', { name: 'Find a mentor' })).toBeVisible();
  await expect(menteePage.getByTestId('remaining-requests')).toContainText('3 more requests');
  await expect(menteePage.getByText('Match score').first()).toBeVisible();
  await menteePage
    .getByRole('button', { name: `Request ${mentor.name}` })
    .first()
    .click();
  await menteePage.getByLabel('Note').fill('I would value your advice on employment litigation.');
  await menteePage.getByRole('button', { name: 'Send request' }).click();
  await expect(menteePage.getByText(`Your request was sent to ${mentor.name}.`)).toBeVisible();
  await expect(menteePage.getByTestId('remaining-requests')).toContainText('2 more requests');

  const mentorContext = await browser.newContext();
  await signInViaApi(mentorContext.request, mentor.email, password);
  const mentorPage = await mentorContext.newPage();
  await mentorPage.goto(`/o/${organizationId}/my/requests`);
  const request = mentorPage.getByTestId('match-request').filter({ hasText: `From ${mentee.name}` });
  await expect(request).toContainText('employment litigation');
  await request.getByLabel('Message to the mentee (optional)').fill('Happy to help. Let us meet next week.');
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(mentorPage.getByText(`You are now ${mentee.name}'s mentor.`)).toBeVisible();
  await expect(request).toContainText('accepted');

  await menteePage.goto(`/o/${organizationId}/my/requests`);
  const sent = menteePage.getByTestId('match-request').filter({ hasText: `To ${mentor.name}` });
  await expect(sent).toContainText('accepted');
  await expect(sent).toContainText('Happy to help');

  await menteeContext.close();
  await mentorContext.close();
});
