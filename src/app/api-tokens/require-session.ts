import { AppError } from '../../core/errors.ts';
import type { AuthenticatedContext } from '../context.ts';

/**
 * Tokens are managed from a signed-in browser session only: a leaked token must not be able to mint
 * fresh tokens for itself or revoke the owner's others.
 */
export function requireSessionForTokens(ctx: AuthenticatedContext): void {
  if (ctx.actor.authenticatedBy === 'api-token') {
    throw new AppError(
      'FORBIDDEN',
      'API tokens can be managed only when signed in to the web app, not with a token',
    );
  }
}
