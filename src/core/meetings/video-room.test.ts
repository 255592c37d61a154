import { describe, expect, it } from 'vitest';
import { canonicalCrockfordBase32, encodeCrockfordBase32 } from '../base32.ts';
import { AppError } from '../errors.ts';
import { normalizeVideoLink, VIDEO_ROOM_RANDOM_BYTES, videoRoomUrl } from './video-room.ts';

const RANDOM = Uint8Array.from({ length: VIDEO_ROOM_RANDOM_BYTES }, (_, index) => index * 17);

describe('Jitsi room URLs', () => {
  it('names the room with all 128 random bits under the configured base URL', () => {
    const url = videoRoomUrl('https://meet.jit.si', RANDOM);
    expect(url).toBe(`https://meet.jit.si/SecondChair-${encodeCrockfordBase32(RANDOM).toLowerCase()}`);
    expect(url.split('SecondChair-')[1]).toHaveLength(26);
    expect(videoRoomUrl('https://video.example.org/rooms', RANDOM)).toMatch(
      /^https:\/\/video\.example\.org\/rooms\/SecondChair-[0-9a-z]{26}$/,
    );
  });

  it('gives different bytes different rooms', () => {
    const other = RANDOM.slice();
    other[15] = (other[15] + 1) % 256;
    expect(videoRoomUrl('https://meet.jit.si/', other)).not.toBe(
      videoRoomUrl('https://meet.jit.si/', RANDOM),
    );
  });

  it('refuses too few random bytes and a base URL that is not http(s)', () => {
    expect(() => videoRoomUrl('https://meet.jit.si', RANDOM.slice(0, 8))).toThrow(AppError);
    expect(() => videoRoomUrl('ftp://meet.example', RANDOM)).toThrow(AppError);
  });
});

describe('pasted video links', () => {
  it('accepts https links and refuses others, naming the field', () => {
    expect(normalizeVideoLink(' https://us02web.zoom.us/j/123456789?pwd=abc ')).toBe(
      'https://us02web.zoom.us/j/123456789?pwd=abc',
    );
    for (const bad of [
      'http://zoom.us/j/1',
      'javascript:alert(1)',
      'zoom meeting 123',
      'https://a:b@teams.example/x',
    ]) {
      try {
        normalizeVideoLink(bad);
        throw new Error(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).details?.issues?.[0]?.path).toBe('videoUrl');
      }
    }
  });
});

describe('Crockford base32', () => {
  it('encodes bytes 5 bits a character and reads typed text back case-insensitively', () => {
    expect(encodeCrockfordBase32(Uint8Array.from([0xff, 0x00]))).toBe('ZW00');
    expect(encodeCrockfordBase32(new Uint8Array(10))).toBe('0000000000000000');
    expect(canonicalCrockfordBase32('zw-oo il')).toBe('ZW0011');
    expect(canonicalCrockfordBase32('ZW0U')).toBeNull();
  });
});
