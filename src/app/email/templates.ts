import type { OutgoingEmail } from '../context.ts';

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A paragraph of plain text (escaped here), or HTML built with the helpers below. */
type Paragraph = string | { html: string };

/**
 * Text someone typed into Second Chair (an organization's or a person's name), for an HTML email:
 * escaped, in “curly quotes” so it reads as a quotation rather than as our words, and with a break
 * opportunity (<wbr>, invisible) after every `.`, `:`, `/` and `@`, so that a mail program does not
 * turn an address inside it into a link.
 */
function quotedHtml(value: string): string {
  const unlinkable = escapeHtml(value).replace(/([.:/@])/g, '$1<wbr>');
  return `“<strong>${unlinkable}</strong>”`;
}

/** The same text quoted for plain-text email and subjects (line breaks flattened). */
function quotedText(value: string): string {
  return `“${value.replace(/\s+/g, ' ').trim()}”`;
}

function paragraphHtml(paragraph: Paragraph): string {
  return typeof paragraph === 'string' ? escapeHtml(paragraph) : paragraph.html;
}

function layout(
  title: string,
  paragraphs: Paragraph[],
  action: { label: string; url: string },
  footer: string,
  secondary?: { text: string; label: string; url: string },
): string {
  const body = paragraphs.map((p) => `<p>${paragraphHtml(p)}</p>`).join('\n');
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

/** The `template` of invitation emails (new and resent); the invitation limits count them by it. */
export const INVITATION_TEMPLATE = 'invitation';

/**
 * The invitation to join an organization. The organization's and the inviter's names are whatever its
 * members typed, so they appear only as quoted data ("the organization named “…”"), never as words of
 * the sentence: a name such as `Acme. Click http://evil.example to claim your prize` reads as a
 * strange name, not as Second Chair telling the reader to click, and is not made into a link.
 */
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
  const article = input.role === 'admin' ? 'an' : 'a';
  const organization = quotedText(input.organizationName);
  const inviter = quotedText(input.inviterName);
  const intro = (name: string) =>
    `You are invited to join the organization named ${name} on Second Chair, as ${article} ${input.role}.`;
  const sender = (name: string) => `The invitation was sent by the member who gave their name as ${name}.`;
  const expiry = `The invitation expires on ${input.expiresAt.toUTCString()}.`;
  const caution =
    'Second Chair shows these names as their members wrote them and does not check them. Only follow the link below if you expected to join this organization.';
  const programLine = (name: string) =>
    `You are also invited into the program named ${name}, as a ${input.program?.role ?? ''}: once you accept, your place in it is waiting for you.`;
  const footer = 'If you were not expecting this invitation, you can ignore this email.';
  const text = [
    intro(organization),
    sender(inviter),
    ...(input.program ? [programLine(quotedText(input.program.name))] : []),
    expiry,
    caution,
  ];
  return {
    to: input.to,
    subject: `Invitation to join the organization named ${organization} on Second Chair`,
    template: INVITATION_TEMPLATE,
    text: `${text.join('\n\n')}\n\n${input.url}\n\n${footer}\n`,
    html: layout(
      'You are invited to join an organization',
      [
        { html: escapeHtml(intro('\u0000')).replace('\u0000', quotedHtml(input.organizationName)) },
        { html: escapeHtml(sender('\u0000')).replace('\u0000', quotedHtml(input.inviterName)) },
        ...(input.program
          ? [{ html: escapeHtml(programLine('\u0000')).replace('\u0000', quotedHtml(input.program.name)) }]
          : []),
        expiry,
        caution,
      ],
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
    `You are invited to the program named ${quotedText(input.programName)} of the organization named ${quotedText(input.organizationName)}, as a ${input.role}.`,
    `The invitation was sent by the member who gave their name as ${quotedText(input.inviterName)}.`,
    'Open the program to review your application and tell the coordinator about yourself.',
  ];
  return {
    to: input.to,
    subject: `Invitation to the program named ${quotedText(input.programName)} on Second Chair`,
    template: 'program-invitation',
    text: `${lines.join('\n\n')}\n\n${input.url}\n`,
    html: layout(
      'You are invited to a mentorship program',
      lines,
      { label: 'Open the program', url: input.url },
      'If you were not expecting this invitation, you can ignore this email.',
    ),
    metadata: { programUrl: input.url },
  };
}
