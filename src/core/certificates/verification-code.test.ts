import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificateVerificationUrl,
  formatVerificationCode,
  normalizeVerificationCode,
  VERIFICATION_CODE_BYTES,
} from './verification-code.ts';

const BYTES = fc.uint8Array({ minLength: VERIFICATION_CODE_BYTES, maxLength: VERIFICATION_CODE_BYTES });

describe('verification codes', () => {
  it('prints four groups of four unambiguous characters carrying all 80 bits', () => {
    expect(formatVerificationCode(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(formatVerificationCode(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    fc.assert(
      fc.property(BYTES, (bytes) => {
        expect(formatVerificationCode(bytes)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      }),
    );
    fc.assert(
      fc.property(BYTES, BYTES, (a, b) => {
        fc.pre(a.some((byte, index) => byte !== b[index]));
        expect(formatVerificationCode(a)).not.toBe(formatVerificationCode(b));
      }),
    );
  });

  it('reads back what a person types: any case, spaces or no hyphens, O for 0, I and L for 1', () => {
    fc.assert(
      fc.property(BYTES, (bytes) => {
        const code = formatVerificationCode(bytes);
        expect(normalizeVerificationCode(code)).toBe(code);
        expect(normalizeVerificationCode(code.toLowerCase().replace(/-/g, ''))).toBe(code);
        expect(normalizeVerificationCode(` ${code.replace(/-/g, ' ')} `)).toBe(code);
      }),
    );
    expect(normalizeVerificationCode('7kq2-m9xd-4tpb-izrw')).toBe('7KQ2-M9XD-4TPB-1ZRW');
    expect(normalizeVerificationCode('O0O0 LLII 0000 0000')).toBe('0000-1111-0000-0000');
  });

  it('refuses text that cannot be a code', () => {
    expect(normalizeVerificationCode('7KQ2-M9XD-4TPB')).toBeNull();
    expect(normalizeVerificationCode('7KQ2-M9XD-4TPB-1ZRW-0')).toBeNull();
    expect(normalizeVerificationCode('7KQ2-M9XD-4TPB-1ZRU')).toBeNull();
    expect(normalizeVerificationCode('7KQ2/M9XD/4TPB/1ZRW')).toBeNull();
    expect(normalizeVerificationCode('')).toBeNull();
  });

  it('refuses the wrong number of random bytes', () => {
    expect(() => formatVerificationCode(new Uint8Array(9))).toThrow(/exactly 10 random bytes/);
  });

  it('builds the public verification URL', () => {
    expect(certificateVerificationUrl('https://mentoring.osbar.example/', '7KQ2-M9XD-4TPB-1ZRW')).toBe(
      'https://mentoring.osbar.example/verify/7KQ2-M9XD-4TPB-1ZRW',
    );
  });
});
