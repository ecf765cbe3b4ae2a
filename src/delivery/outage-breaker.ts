/**
 * Transient failures one after another are the platform, not the messages: after `after` in a
 * row the whole platform pauses, doubling from a second up to a minute, until a call works again.
 */
export class OutageBreaker {
  private failures = 0;

  constructor(private readonly after: number) {}

  /** Feeds one call's outcome; returns how long to pause the platform (0: no pause). */
  record(outcome: "transient" | "retry-after" | "other"): number {
    if (outcome === "transient") this.failures++;
    // A 429 says nothing about an outage either way.
    else if (outcome === "other") this.failures = 0;
    if (this.failures < this.after) return 0;
    return Math.min(60_000, 1000 * 2 ** (this.failures - this.after));
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
