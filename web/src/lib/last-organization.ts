/** Remembers the organization someone last worked in, so the app reopens there. */
const KEY = 'secondchair.lastOrganizationId';

/** The id of the last organization opened in this browser, if any. */
export function getLastOrganizationId(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    // Storage can be disabled (private mode, policies); the app then opens the first organization.
    return null;
  }
}

/** Stores the organization being opened. */
export function setLastOrganizationId(organizationId: string): void {
  try {
    window.localStorage.setItem(KEY, organizationId);
  } catch {
    // See above: remembering is a convenience.
  }
}

/** Forgets it (on sign-out, or when the organization is no longer accessible). */
export function clearLastOrganizationId(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // See above.
  }
}
