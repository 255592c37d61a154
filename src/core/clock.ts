/** A source of the current time, passed in so that core and use cases stay testable. */
export interface Clock {
  now(): Date;
}

/** A clock fixed at (or advanced from) a given instant, for tests. */
export function fixedClock(start: Date): Clock & { advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}
