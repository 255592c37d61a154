/**
 * Crockford's base32 (0-9 and A-Z without I, L, O, U): codes people read aloud or type from paper, and
 * room names, made from random bytes the caller draws (core draws no randomness itself).
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Encodes bytes as Crockford base32, 5 bits a character, the last character zero-padded. */
export function encodeCrockfordBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += CROCKFORD_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * Reads typed Crockford base32 back to its canonical characters: case-insensitive, O read as 0 and I/L
 * as 1, spaces and hyphens ignored. Null when any other character is present.
 */
export function canonicalCrockfordBase32(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]*$/.test(cleaned)) return null;
  return cleaned;
}
