/**
 * Certificate verification codes: 80 random bits (drawn by the caller) written as four groups of four
 * Crockford base32 characters, e.g. 7KQ2-M9XD-4TPB-1ZRW. No I, L, O or U, so a code read off paper and
 * typed back (any case, with or without hyphens, O for 0, I or L for 1) finds its certificate.
 */
import { canonicalCrockfordBase32, encodeCrockfordBase32 } from '../base32.ts';
import { AppError } from '../errors.ts';

/** Random bytes in a code: 10 bytes, 80 bits, 16 characters. */
export const VERIFICATION_CODE_BYTES = 10;
const CODE_LENGTH = 16;
const GROUP = 4;

function grouped(canonical: string): string {
  return canonical.match(new RegExp(`.{${GROUP}}`, 'g'))?.join('-') ?? canonical;
}

/** The code for `random` (VERIFICATION_CODE_BYTES bytes), in its printed form XXXX-XXXX-XXXX-XXXX. */
export function formatVerificationCode(random: Uint8Array): string {
  if (random.length !== VERIFICATION_CODE_BYTES) {
    throw new AppError(
      'INTERNAL',
      `A verification code needs exactly ${VERIFICATION_CODE_BYTES} random bytes`,
    );
  }
  return grouped(encodeCrockfordBase32(random));
}

/**
 * A code as someone typed it, in the printed form to look up, or null when it cannot be a code (wrong
 * length or characters). Stored codes are in the printed form, so lookup is an equality.
 */
export function normalizeVerificationCode(input: string): string | null {
  const canonical = canonicalCrockfordBase32(input);
  if (canonical === null || canonical.length !== CODE_LENGTH) return null;
  return grouped(canonical);
}

/** The public page where anyone holding the certificate can check it: PUBLIC_URL/verify/CODE. */
export function certificateVerificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}
