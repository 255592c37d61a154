/**
 * Video meeting links: a Jitsi Meet room whose name cannot be guessed (128 random bits, drawn by the
 * caller), or a link the pair pasted from Zoom, Teams or Google Meet, which must be https.
 */
import { encodeCrockfordBase32 } from '../base32.ts';
import { AppError } from '../errors.ts';

/** The public Jitsi Meet service; an installation may point at its own Jitsi server instead. */
export const DEFAULT_VIDEO_BASE_URL = 'https://meet.jit.si';
/** Random bytes in a room name: 16 bytes, 128 bits, 26 base32 characters. */
export const VIDEO_ROOM_RANDOM_BYTES = 16;

/** The Jitsi room URL for `random` (VIDEO_ROOM_RANDOM_BYTES bytes) under `baseUrl`. */
export function videoRoomUrl(baseUrl: string, random: Uint8Array): string {
  if (random.length < VIDEO_ROOM_RANDOM_BYTES) {
    throw new AppError('INTERNAL', `A video room name needs ${VIDEO_ROOM_RANDOM_BYTES} random bytes`);
  }
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new AppError('INTERNAL', `The video base URL must be http(s): ${baseUrl}`);
  }
  // Jitsi treats room names case-insensitively; lower case keeps the link as people see it in the room.
  const room = `SecondChair-${encodeCrockfordBase32(random).toLowerCase()}`;
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return `${base.origin}${path}${room}`;
}

/** A pasted meeting link, checked: an absolute https URL without credentials. Returns it normalized. */
export function normalizeVideoLink(input: string, path = 'videoUrl'): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw AppError.validation([{ path, message: 'is not a link (https://…)' }]);
  }
  if (url.protocol !== 'https:') {
    throw AppError.validation([{ path, message: 'must be an https:// link' }]);
  }
  if (url.username || url.password) {
    throw AppError.validation([{ path, message: 'must not contain a user name or password' }]);
  }
  return url.toString();
}
