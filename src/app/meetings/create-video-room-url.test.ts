import { describe, expect, it } from 'vitest';
import { createVideoRoomUrl } from './create-video-room-url.ts';

describe('createVideoRoomUrl', () => {
  it('makes a new room on the default Jitsi server each time', () => {
    const rooms = new Set(Array.from({ length: 50 }, () => createVideoRoomUrl()));
    expect(rooms.size).toBe(50);
    for (const room of rooms) expect(room).toMatch(/^https:\/\/meet\.jit\.si\/SecondChair-[0-9a-z]{26}$/);
  });

  it('uses the configured base URL', () => {
    expect(createVideoRoomUrl('https://jitsi.bar.example')).toMatch(
      /^https:\/\/jitsi\.bar\.example\/SecondChair-/,
    );
  });
});
