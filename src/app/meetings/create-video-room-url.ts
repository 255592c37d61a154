import { randomBytes } from 'node:crypto';
import {
  DEFAULT_VIDEO_BASE_URL,
  VIDEO_ROOM_RANDOM_BYTES,
  videoRoomUrl,
} from '../../core/meetings/video-room.ts';

/** A new Jitsi Meet room URL with an unguessable name (128 bits from the OS's CSPRNG) under `baseUrl`. */
export function createVideoRoomUrl(baseUrl: string = DEFAULT_VIDEO_BASE_URL): string {
  return videoRoomUrl(baseUrl, randomBytes(VIDEO_ROOM_RANDOM_BYTES));
}
