/**
 * Puts validation problems next to the fields they concern: both the server's
 * `details.issues[{ path, message }]` and the same zod contracts run in the browser before sending.
 * Contract messages are written to follow the field name ("is required", "must be an email address"),
 * so a field's error reads "Email must be an email address".
 */
import type { z } from 'zod';
import { isApiError, type FieldIssue } from '../api/client.ts';

/** "Email" + "must be an email address" → "Email must be an email address". */
export function phrase(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** Splits issues into errors for known fields (by the first path segment) and the rest. */
export function issuesToFieldErrors(
  issues: ReadonlyArray<FieldIssue>,
  labels: Readonly<Record<string, string>>,
): { fieldErrors: Record<string, string>; unmatched: FieldIssue[] } {
  const fieldErrors: Record<string, string> = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    const label = labels[field];
    if (label === undefined) unmatched.push(issue);
    else fieldErrors[field] ??= phrase(label, issue.message);
  }
  return { fieldErrors, unmatched };
}

/** A Mantine form `validate` function running a zod contract, with errors phrased per field. */
export function zodValidate<Schema extends z.ZodType>(
  schema: Schema,
  labels: Readonly<Record<string, string>>,
  prepare: (values: never) => unknown = (values) => values,
) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(prepare(values as never));
    if (result.success) return {};
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return issuesToFieldErrors(issues, labels).fieldErrors;
  };
}

interface FormLike {
  setErrors: (errors: Record<string, React.ReactNode>) => void;
}

/**
 * Shows a failed submit: field errors on the form, and returns the sentence for the form's alert
 * (null when there is nothing more to say than the field errors).
 */
export function applyServerError(
  form: FormLike,
  error: unknown,
  labels: Readonly<Record<string, string>>,
): string {
  if (isApiError(error) && error.issues.length > 0) {
    const { fieldErrors, unmatched } = issuesToFieldErrors(error.issues, labels);
    form.setErrors(fieldErrors);
    if (unmatched.length === 0) return 'Please correct the highlighted fields.';
    return unmatched.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  }
  if (isApiError(error)) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.';
}
