/** The emails of self-match: a new request, its answer, a withdrawal and an expiry. */
import type { OutgoingEmail } from '../context.ts';

interface Person {
  name: string;
  email: string;
}

function email(
  to: Person,
  template: string,
  subject: string,
  lines: string[],
  url: string,
  requestId: string,
): OutgoingEmail {
  const text = `Hello ${to.name},\n\n${lines.join('\n\n')}\n\n${url}\n`;
  return { to: to.email, subject, template, text, metadata: { requestId } };
}

/** Where a person answers or follows their requests. */
export function requestsUrl(publicUrl: string, organizationId: string): string {
  return `${publicUrl}/o/${organizationId}/my/requests`;
}

export function matchRequestReceivedEmail(input: {
  mentor: Person;
  menteeName: string;
  programName: string;
  note: string;
  expiresAt: Date;
  url: string;
  requestId: string;
}): OutgoingEmail {
  return email(
    input.mentor,
    'match-request-received',
    `${input.menteeName} asks you to be their mentor in ${input.programName}`,
    [
      `${input.menteeName} would like you as their mentor in ${input.programName}.`,
      ...(input.note ? [`Their note: "${input.note}"`] : []),
      `Please accept or decline by ${input.expiresAt.toUTCString()}; after that the request expires.`,
    ],
    input.url,
    input.requestId,
  );
}

export function matchRequestAcceptedEmails(input: {
  mentee: Person;
  mentor: Person;
  programName: string;
  message: string;
  url: string;
  requestId: string;
}): OutgoingEmail[] {
  const message = input.message ? [`${input.mentor.name} wrote: "${input.message}"`] : [];
  return [
    email(
      input.mentee,
      'match-request-accepted',
      `${input.mentor.name} accepted your request in ${input.programName}`,
      [
        `${input.mentor.name} accepted your request: you are matched in ${input.programName}.`,
        ...message,
        'Your other pending requests in this program were withdrawn.',
      ],
      input.url,
      input.requestId,
    ),
    email(
      input.mentor,
      'match-request-accepted',
      `You are now ${input.mentee.name}'s mentor in ${input.programName}`,
      [`You accepted ${input.mentee.name}'s request in ${input.programName}. Your relationship is starting.`],
      input.url,
      input.requestId,
    ),
  ];
}

export function matchRequestDeclinedEmail(input: {
  mentee: Person;
  mentorName: string;
  programName: string;
  message: string;
  url: string;
  requestId: string;
}): OutgoingEmail {
  return email(
    input.mentee,
    'match-request-declined',
    `${input.mentorName} declined your request in ${input.programName}`,
    [
      `${input.mentorName} cannot take your request in ${input.programName}.`,
      ...(input.message ? [`They wrote: "${input.message}"`] : []),
      'You can send a request to another mentor from the mentor directory.',
    ],
    input.url,
    input.requestId,
  );
}

export function matchRequestWithdrawnEmail(input: {
  mentor: Person;
  menteeName: string;
  programName: string;
  url: string;
  requestId: string;
}): OutgoingEmail {
  return email(
    input.mentor,
    'match-request-withdrawn',
    `${input.menteeName} withdrew their request in ${input.programName}`,
    [`${input.menteeName} withdrew their request in ${input.programName}; there is nothing to answer.`],
    input.url,
    input.requestId,
  );
}

export function matchRequestExpiredEmail(input: {
  mentee: Person;
  mentorName: string;
  programName: string;
  url: string;
  requestId: string;
}): OutgoingEmail {
  return email(
    input.mentee,
    'match-request-expired',
    `Your request to ${input.mentorName} in ${input.programName} expired`,
    [
      `${input.mentorName} did not answer your request in ${input.programName} in time, so it expired.`,
      'You can send a request to another mentor from the mentor directory.',
    ],
    input.url,
    input.requestId,
  );
}
