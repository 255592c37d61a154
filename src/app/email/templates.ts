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
  /** The program the invitation brings them into (a roster import or a program invitation). */
  program?: { name: string; role: string };
}): OutgoingEmail {
  const lines = [
    `${input.inviterName} invited you to join ${input.organizationName} on Second Chair as ${input.role === 'admin' ? 'an' : 'a'} ${input.role}.`,
    ...(input.program
      ? [
          `You are invited to ${input.program.name} as a ${input.program.role}: once you accept, your place in the program is waiting for you.`,
        ]
      : []),
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

/** A member invited into a program: the link to its application. */
export function programInvitationEmail(input: {
  to: string;
  organizationName: string;
  inviterName: string;
  programName: string;
  role: string;
  url: string;
}): OutgoingEmail {
  const lines = [
    `${input.inviterName} invited you to ${input.programName} at ${input.organizationName} as a ${input.role}.`,
    'Open the program to review your application and tell the coordinator about yourself.',
  ];
  return {
    to: input.to,
    subject: `You are invited to ${input.programName}`,
    template: 'program-invitation',
    text: `${lines.join('\n\n')}\n\n${input.url}\n`,
    html: layout(
      `Join ${input.programName}`,
      lines,
      { label: 'Open the program', url: input.url },
      'If you were not expecting this invitation, you can ignore this email.',
    ),
    metadata: { programUrl: input.url },
  };
}
