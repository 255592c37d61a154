import type { OutgoingEmail } from '../context.ts';

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function layout(
  title: string,
  paragraphs: string[],
  action: { label: string; url: string },
  footer: string,
  secondary?: { text: string; label: string; url: string },
): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const second = secondary
    ? `\n<p>${escapeHtml(secondary.text)} <a href="${escapeHtml(secondary.url)}">${escapeHtml(secondary.label)}</a></p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;color:#1a1b1e">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${body}
<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#1c3d5a;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>${second}
<p style="font-size:12px;color:#555">If the button does not work, paste this address into your browser:<br>${escapeHtml(action.url)}</p>
<p style="font-size:12px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
}

/** The password-reset email with its one-hour link. */
export function passwordResetEmail(input: { to: string; name: string; url: string }): OutgoingEmail {
  const lines = [
    `Hello ${input.name},`,
    'Someone asked to reset the password of your Second Chair account. The link below works once, for one hour.',
  ];
  const footer = 'If you did not ask for this, ignore this email: your password stays as it is.';
  return {
    to: input.to,
    subject: 'Reset your Second Chair password',
    template: 'password-reset',
    text: `${lines.join('\n\n')}\n\n${input.url}\n\n${footer}\n`,
    html: layout('Reset your password', lines, { label: 'Choose a new password', url: input.url }, footer),
    metadata: { url: input.url },
  };
}

/** The email-verification email sent on sign-up. */
export function verificationEmail(input: { to: string; name: string; url: string }): OutgoingEmail {
  const lines = [
    `Welcome to Second Chair, ${input.name}.`,
    'Please confirm that this is your email address.',
  ];
  const footer = 'If you did not create an account, ignore this email.';
  return {
    to: input.to,
    subject: 'Confirm your email address for Second Chair',
    template: 'email-verification',
    text: `${lines.join('\n\n')}\n\n${input.url}\n\n${footer}\n`,
    html: layout('Confirm your email address', lines, { label: 'Confirm my email', url: input.url }, footer),
    metadata: { url: input.url },
  };
}

/**
 * Sent instead of a second account when someone signs up with an address that already has one: the
 * sign-up page answers the same either way, so this email is where the owner learns what happened.
 */
export function existingAccountSignUpEmail(input: {
  to: string;
  name: string;
  signInUrl: string;
  resetUrl: string;
}): OutgoingEmail {
  const lines = [
    `Hello ${input.name},`,
    'Someone tried to create a Second Chair account with this email address, which already has one. No second account was created and nothing about yours changed.',
    'If it was you, sign in with your password.',
  ];
  const forgot = 'Forgot your password? Choose a new one:';
  const footer =
    'If it was not you, you can ignore this email: nobody can use your account without your password.';
  return {
    to: input.to,
    subject: 'You already have a Second Chair account',
    template: 'existing-account-sign-up',
    text: `${lines.join('\n\n')}\n\n${input.signInUrl}\n\n${forgot}\n${input.resetUrl}\n\n${footer}\n`,
    html: layout('You already have an account', lines, { label: 'Sign in', url: input.signInUrl }, footer, {
      text: forgot,
      label: 'Reset my password',
      url: input.resetUrl,
    }),
    metadata: { url: input.signInUrl, resetUrl: input.resetUrl },
  };
}

/** The invitation to join an organization. */
export function invitationEmail(input: {
  to: string;
  organizationName: string;
  inviterName: string;
  role: string;
  url: string;
  expiresAt: Date;
}): OutgoingEmail {
  const lines = [
    `${input.inviterName} invited you to join ${input.organizationName} on Second Chair as ${input.role === 'admin' ? 'an' : 'a'} ${input.role}.`,
    `The invitation expires on ${input.expiresAt.toUTCString()}.`,
  ];
  const footer = 'If you were not expecting this invitation, you can ignore this email.';
  return {
    to: input.to,
    subject: `Join ${input.organizationName} on Second Chair`,
    template: 'invitation',
    text: `${lines.join('\n\n')}\n\n${input.url}\n\n${footer}\n`,
    html: layout(
      `Join ${input.organizationName}`,
      lines,
      { label: 'Accept the invitation', url: input.url },
      footer,
    ),
    metadata: { url: input.url },
  };
}

/** Sent to every participant when a coordinator publishes a match: who they are matched with, and where. */
export function matchPublishedEmail(input: {
  to: string;
  name: string;
  role: 'mentor' | 'mentee';
  programName: string;
  organizationName: string;
  others: Array<{ name: string; role: 'mentor' | 'mentee' }>;
  url: string;
}): OutgoingEmail {
  const describe = (people: Array<{ name: string }>) => people.map((person) => person.name).join(', ');
  const mentors = input.others.filter((other) => other.role === 'mentor');
  const mentees = input.others.filter((other) => other.role === 'mentee');
  const parts: string[] = [];
  if (mentors.length > 0)
    parts.push(`your ${mentors.length === 1 ? 'mentor' : 'mentors'} ${describe(mentors)}`);
  if (mentees.length > 0)
    parts.push(`your ${mentees.length === 1 ? 'mentee' : 'mentees'} ${describe(mentees)}`);
  const lines = [
    `Hello ${input.name},`,
    `You have been matched in ${input.programName} (${input.organizationName}) as a ${input.role}, with ${parts.join(' and ') || 'your circle'}.`,
    'Open Second Chair to see your match and plan your first meeting.',
  ];
  const footer = `You receive this email because you take part in ${input.programName}.`;
  return {
    to: input.to,
    subject: `Your match in ${input.programName}`,
    template: 'match-published',
    text: `${lines.join('\n\n')}\n\n${input.url}\n\n${footer}\n`,
    html: layout('You have been matched', lines, { label: 'See my match', url: input.url }, footer),
    metadata: { programName: input.programName, link: input.url },
  };
}
