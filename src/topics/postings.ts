import { passesPackedChecks } from "./packed-checks.js";

/**
 * The query groups (by group number) filed under one key, with each group's packed key checks
 * (packed-checks.ts) laid end to end in one array: a scan reads memory in order and touches
 * nothing else for the groups that fail. Visiting every candidate object instead costs a cache
 * miss each, which was most of a story's matching time.
 */
export class Postings {
  private readonly numbers: number[] = [];
  private readonly checksOf: Int32Array[] = [];
  /** For each group in order: its number, its checks' length, then its checks. */
  private codes = new Int32Array(16);
  private used = 0;

  add(groupNumber: number, checks: Int32Array): void {
    this.numbers.push(groupNumber);
    this.checksOf.push(checks);
    this.append(groupNumber, checks);
  }

  /** Rare (a whole query's last subscriber leaving): rebuilding the array keeps scans simple. */
  remove(groupNumber: number): void {
    const at = this.numbers.indexOf(groupNumber);
    if (at === -1) return;
    this.numbers.splice(at, 1);
    this.checksOf.splice(at, 1);
    this.used = 0;
    this.numbers.forEach((number, i) => this.append(number, this.checksOf[i] as Int32Array));
  }

  /** Calls `visit` with each group whose checks hold for the story marked in `marks`. */
  forEachPassing(marks: Int32Array, current: number, visit: (groupNumber: number) => void): void {
    const { codes, used } = this;
    let at = 0;
    while (at < used) {
      const groupNumber = codes[at] as number;
      const start = at + 2;
      at = start + (codes[at + 1] as number);
      if (passesPackedChecks(codes, start, at, marks, current)) visit(groupNumber);
    }
  }

  private append(groupNumber: number, checks: Int32Array): void {
    const needed = this.used + 2 + checks.length;
    if (needed > this.codes.length) {
      const bigger = new Int32Array(Math.max(needed, this.codes.length * 2));
      bigger.set(this.codes.subarray(0, this.used));
      this.codes = bigger;
    }
    this.codes[this.used] = groupNumber;
    this.codes[this.used + 1] = checks.length;
    this.codes.set(checks, this.used + 2);
    this.used = needed;
  }
}
