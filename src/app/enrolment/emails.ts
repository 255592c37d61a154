/** The emails of enrolment: an application received, and each decision on it. */
import type { ApplicationDecision } from '../../core/enrolment/application-status.ts';
import type { OutgoingEmail } from '../context.ts';

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function email(input: {
  to: string;
  subject: string;
  template: string;
  lines: string[];
  url: string;
  action: string;
  metadata: Record<string, unknown>;
}): OutgoingEmail {
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;color:#1a1b1e">
${input.lines.map((line) => `<p>${escapeHtml(line).replaceAll('\n', '<br>')}</p>`).join('\n')}
<p><a href="${escapeHtml(input.url)}">${escapeHtml(input.action)}</a></p>
</body></html>`;
  return {
    to: input.to,
    subject: input.subject,
    template: input.template,
    text: `${input.lines.join('\n\n')}\n\n${input.action}: ${input.url}\n`,
    html,
    metadata: { ...input.metadata },
  };
}

/** Your application to a program was received. */
export function applicationReceivedEmail(input: {
  to: string;
  name: string;
  programName: string;
  role: string;
  url: string;
  applicationId: string;
  /** Why the application waits for review when the program could have approved it at once. */
  note?: string | null;
}): OutgoingEmail {
  return email({
    to: input.to,
    subject: `We received your application to ${input.programName}`,
    template: 'application-received',
    lines: [
      `Hello ${input.name},`,
      `Thank you for applying to ${input.programName} as a ${input.role}. The program's coordinators will review your application and email you their decision.`,
      ...(input.note ? [input.note] : []),
      'You can see its status, change it while it is under review, or withdraw it at any time.',
    ],
    url: input.url,
    action: 'See your applications',
    metadata: { applicationId: input.applicationId },
  });
}

const DECISION_TEXT: Record<ApplicationDecision, { subject: string; line: string }> = {
  approve: {
    subject: 'You are in',
    line: 'Your application was approved. The coordinators will match you soon.',
  },
  reject: { subject: 'Your application', line: 'Your application was not accepted this time.' },
  waitlist: {
    subject: 'You are on the waiting list',
    line: 'Your application is on the waiting list; we will email you if a place opens.',
  },
  request_changes: {
    subject: 'Changes requested',
    line: 'The coordinators asked you to change your application before they decide.',
  },
};

/** A coordinator's decision on an application, with their message. */
export function applicationDecisionEmail(input: {
  to: string;
  name: string;
  programName: string;
  decision: ApplicationDecision;
  message: string;
  url: string;
  applicationId: string;
  /** Decided by the program's enrolment mode on submission, not by a coordinator. */
  isAutomatic?: boolean;
}): OutgoingEmail {
  const text = DECISION_TEXT[input.decision];
  return email({
    to: input.to,
    subject: `${input.programName}: ${text.subject}`,
    template: 'application-decision',
    lines: [
      `Hello ${input.name},`,
      input.isAutomatic
        ? `Your application was approved when you submitted it: ${input.programName} admits applicants through its open sign-up link. The coordinators will match you soon.`
        : `${text.line}`,
      ...(input.message ? [`Message from the coordinators:\n${input.message}`] : []),
    ],
    url: input.url,
    action: input.decision === 'request_changes' ? 'Change your application' : 'See your applications',
    metadata: {
      applicationId: input.applicationId,
      decision: input.decision,
      ...(input.isAutomatic ? { isAutomatic: true } : {}),
    },
  });
}

/** Where an applicant sees their applications in the web app. */
export function myApplicationsUrl(publicUrl: string, organizationId: string): string {
  return `${publicUrl}/o/${organizationId}/my/applications`;
}
