import { randomBytes } from 'node:crypto';
import {
  formatVerificationCode,
  VERIFICATION_CODE_BYTES,
} from '../../core/certificates/verification-code.ts';

/** A new certificate verification code (80 bits from the OS's CSPRNG), e.g. 7KQ2-M9XD-4TPB-1ZRW. */
export function generateVerificationCode(): string {
  return formatVerificationCode(randomBytes(VERIFICATION_CODE_BYTES));
}
