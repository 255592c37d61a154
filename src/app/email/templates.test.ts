import { describe, expect, it } from 'vitest';
import { invitationEmail } from './templates.ts';

const HOSTILE_NAME = 'Acme. Click http://evil.example to claim your prize';
const URL = 'http://localhost:3000/invitations/abc123';

function hostileInvitation() {
  return invitationEmail({
    to: 'invitee@example.test',
    organizationName: HOSTILE_NAME,
    inviterName: 'Visit https://evil.example/now <b>Admin</b>',
    role: 'member',
    url: URL,
    expiresAt: new Date('2026-03-09T15:00:00Z'),
  });
}

describe('invitationEmail', () => {
  it('quotes the organization and inviter names as data, never as our own sentence', () => {
    const email = hostileInvitation();
    expect(email.text).toContain(
      `You are invited to join the organization named “${HOSTILE_NAME}” on Second Chair, as a member.`,
    );
    expect(email.text).toContain(
      'The invitation was sent by the member who gave their name as “Visit https://evil.example/now <b>Admin</b>”.',
    );
    // The name never starts a line or a sentence of its own.
    expect(email.text.split('\n').some((line) => line.startsWith('Acme'))).toBe(false);
    expect(email.subject).toBe(`Invitation to join the organization named “${HOSTILE_NAME}” on Second Chair`);
  });

  it('escapes names in HTML and does not make the addresses in them links', () => {
    const { html } = hostileInvitation();
    expect(html).toBeDefined();
    // The only link is the invitation's own.
    expect([...html!.matchAll(/href="([^"]*)"/g)].map((match) => match[1])).toEqual([URL]);
    expect(html).not.toContain('<b>Admin</b>');
    expect(html).toContain('&lt;b&gt;Admin&lt;/<wbr>b&gt;');
    // No run of text a mail program could take for an address: every `.`, `:` and `/` is broken.
    expect(html).not.toContain('http://evil.example');
    expect(html).not.toContain('evil.example');
    expect(html).toContain(
      'the organization named “<strong>Acme.<wbr> Click http:<wbr>/<wbr>/<wbr>evil.<wbr>example',
    );
    // The visible text is unchanged once the (invisible) break opportunities are removed.
    expect(html!.replaceAll('<wbr>', '')).toContain(`“<strong>${HOSTILE_NAME}</strong>”`);
  });

  it('still reads naturally for an ordinary name', () => {
    const email = invitationEmail({
      to: 'invitee@example.test',
      organizationName: 'Hollis & Pratt LLP',
      inviterName: 'Ana Admin',
      role: 'admin',
      url: URL,
      expiresAt: new Date('2026-03-09T15:00:00Z'),
    });
    expect(email.text).toContain(
      'You are invited to join the organization named “Hollis & Pratt LLP” on Second Chair, as an admin.',
    );
    expect(email.html).toContain('“<strong>Hollis &amp; Pratt LLP</strong>”');
    expect(email.text).toContain(URL);
  });
});
