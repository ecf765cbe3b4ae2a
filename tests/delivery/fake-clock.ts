/** A clock tests move by hand; starts at an epoch-sized time so float precision is exercised. */
export function fakeClock(start = 1_732_626_300_000) {
  const clock = {
    now: start,
    read: () => clock.now,
    advance(ms: number) {
      clock.now += ms;
      return clock.now;
    },
  };
  return clock;
}
