export interface SlidingWindowOptions {
  windowMs: number;
  /** The budget the window is measured against (`isAboveHalf`). */
  limit: number;
  /** Resolution; memory is windowMs / slotMs counters whatever the number of events. */
  slotMs?: number;
}

/**
 * Counts events in the last `windowMs` (Discord's invalid-request budget: 10,000 per 10 minutes)
 * with one counter per time slot. An event is counted for at least `windowMs` and at most one
 * slot longer: the count errs high, which is the safe side for a ban threshold.
 */
export class SlidingWindowCounter {
  readonly limit: number;
  private readonly slotMs: number;
  /** Slots in the window; the ring holds one more so the oldest partly-covered slot still counts. */
  private readonly span: number;
  private readonly slotIds: number[];
  private readonly counts: number[];

  constructor({ windowMs, limit, slotMs = 1_000 }: SlidingWindowOptions) {
    this.limit = limit;
    this.slotMs = slotMs;
    this.span = Math.ceil(windowMs / slotMs);
    this.slotIds = new Array<number>(this.span + 1).fill(Number.NEGATIVE_INFINITY);
    this.counts = new Array<number>(this.span + 1).fill(0);
  }

  record(now: number, events = 1): void {
    const slot = Math.floor(now / this.slotMs);
    const i = this.ringIndex(slot);
    if (this.slotIds[i] !== slot) {
      this.slotIds[i] = slot;
      this.counts[i] = 0;
    }
    this.counts[i] += events;
  }

  count(now: number): number {
    const newest = Math.floor(now / this.slotMs);
    let total = 0;
    for (let i = 0; i < this.slotIds.length; i++) {
      const slot = this.slotIds[i];
      if (slot >= newest - this.span && slot <= newest) total += this.counts[i];
    }
    return total;
  }

  /** Past half the budget: time to stop retrying anything that may fail again. */
  isAboveHalf(now: number): boolean {
    return this.count(now) > this.limit / 2;
  }

  private ringIndex(slot: number): number {
    const length = this.span + 1;
    return ((slot % length) + length) % length;
  }
}
