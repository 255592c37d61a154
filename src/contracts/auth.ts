import { z } from 'zod';
import { OkResponse } from './common.ts';
import { Me } from './session.ts';

const Email = z.string().trim().toLowerCase().email('must be an email address').max(254);
const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(128, 'must be at most 128 characters');
/**
 * Only same-site paths, so that links in emails cannot redirect elsewhere. No backslash anywhere:
 * browsers read `/\evil.example` as `//evil.example`, another site.
 */
export const CallbackPath = z
  .string()
  .regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site, like /login')
  .max(500);

export const SignUpRequest = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120),
    email: Email,
    password: Password,
    callbackURL: CallbackPath.optional().describe('Where the verification link lands'),
  })
  .strict();
export const SignInRequest = z
  .object({
    email: Email,
    password: z.string().min(1, 'is required').max(128),
    rememberMe: z.boolean().optional(),
  })
  .strict();
export const RequestPasswordResetRequest = z
  .object({
    email: Email,
    redirectTo: CallbackPath.optional().describe('The page that asks for the new password'),
  })
  .strict();
export const ResetPasswordRequest = z
  .object({ token: z.string().min(1, 'is required'), newPassword: Password })
  .strict();
export const SendVerificationEmailRequest = z
  .object({ email: Email, callbackURL: CallbackPath.optional() })
  .strict();

export const AuthUserResponse = z.object({ user: Me });
/** The same for a new email and for one that already has an account; the email that follows differs. */
export const SignUpResponse = OkResponse.describe(
  'Sign-up received: a new account gets a confirmation link by email, an existing one a notice',
);
