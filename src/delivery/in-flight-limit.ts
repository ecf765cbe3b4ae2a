/**
 * How many platform calls to keep in flight: as many as the rate needs given how long each one
 * holds its slot (Little's law, plus a quarter), at least one, at most `max`. A crash can only
 * duplicate calls in flight, so on a fast platform this keeps possible duplicates to one a crash.
 */
export class InFlightLimit {
  /** One call's slot time (bookkeeping, call, settle), smoothed; undefined until a call is timed. */
  private slotMs: number | undefined;

  constructor(
    private readonly max: number,
    /** Sends a second the platform allows; Infinity: no rate to size by, `max` it is. */
    private readonly sendsPerSecond: number,
  ) {}

  record(ms: number): void {
    const sample = Math.max(0, ms);
    this.slotMs = this.slotMs === undefined ? sample : 0.8 * this.slotMs + 0.2 * sample;
  }

  get value(): number {
    if (!Number.isFinite(this.sendsPerSecond)) return this.max;
    // One at a time until a call has been timed: a restart then risks one duplicate, not `max`.
    if (this.slotMs === undefined) return 1;
    return Math.max(1, Math.min(this.max, Math.ceil((this.sendsPerSecond * this.slotMs * 1.25) / 1000)));
  }
}
