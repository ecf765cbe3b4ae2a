/** "At most `count` sends in any `perMs`", as the platform counts them: on arrival. */
export interface WindowRule {
  count: number;
  perMs: number;
}

/**
 * One published window, kept exact whatever the network does. A send reaches the platform at
 * some moment between leaving and its answer coming back, so it is counted from its start
 * (in flight) until `perMs` after its answer. A new send may start while fewer than `count` are
 * counted: then no `count + 1` sends can have arrived within `perMs`, even when one was slowed
 * on its way and the next was not. (Assumes only that our clock and the platform's run at the
 * same rate.) The cost is one round-trip time per window, a fraction of a percent.
 */
export class AckWindow {
  private inFlight = 0;
  /** Answer times still inside the window, oldest first. */
  private readonly answered: number[] = [];

  constructor(private readonly rule: WindowRule) {}

  /** 0 when a send may start now; otherwise how long until one might (in-flight sends: a short look again). */
  waitMs(now: number): number {
    this.prune(now);
    const counted = this.inFlight + this.answered.length;
    if (counted < this.rule.count) return 0;
    const toLeave = counted - this.rule.count + 1;
    // Only answered sends leave at a known time; one still in flight leaves after its answer.
    if (toLeave > this.answered.length) return IN_FLIGHT_RECHECK_MS;
    return Math.max(1, Math.ceil((this.answered[toLeave - 1] as number) + this.rule.perMs - now));
  }

  start(): void {
    this.inFlight++;
  }

  /** The send's answer (or failure) came back at `at`. */
  finish(at: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    let i = this.answered.length;
    while (i > 0 && (this.answered[i - 1] as number) > at) i--;
    this.answered.splice(i, 0, at);
  }

  isIdle(now: number): boolean {
    this.prune(now);
    return this.inFlight === 0 && this.answered.length === 0;
  }

  private prune(now: number): void {
    // An answer exactly perMs ago has left the window, as the platform's arrival did before it.
    while (this.answered.length > 0 && (this.answered[0] as number) <= now - this.rule.perMs) this.answered.shift();
  }
}

const IN_FLIGHT_RECHECK_MS = 5;
