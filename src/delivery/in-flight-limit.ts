/**
 * How many platform calls to keep in flight: as many as the rate needs given how long each one
 * holds its slot (Little's law, plus a quarter), at least one, at most `max`. A crash can only
 * duplicate calls in flight, so on a fast platform this keeps possible duplicates to one a crash.
 */
export class InFlightLimit {
  // Until measured, assume a slow platform: better too many in flight for a moment than too few.
  private slotMs = 250;

  constructor(
    private readonly max: number,
    /** Sends a second the platform allows; Infinity: no rate to size by, `max` it is. */
    private readonly sendsPerSecond: number,
  ) {}

  /** One call's slot time (bookkeeping, call, settle), smoothed. */
  record(ms: number): void {
    this.slotMs = 0.8 * this.slotMs + 0.2 * Math.max(0, ms);
  }

  get value(): number {
    if (!Number.isFinite(this.sendsPerSecond)) return this.max;
    return Math.max(1, Math.min(this.max, Math.ceil((this.sendsPerSecond * this.slotMs * 1.25) / 1000)));
  }
}
