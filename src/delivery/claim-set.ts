import type { Kysely } from "kysely";
import { releaseDeliveries, renewLeases, type Delivery } from "../db/delivery-queries.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { Prepared } from "./prepare.js";

/** A claimed outbox row this process holds, ready to send once its buckets allow. */
export interface Held {
  delivery: Delivery;
  prepared: Extract<Prepared, { kind: "alert" | "edit" | "digest" }>;
  /** The claim's token: its lease_until as this process last set it. */
  lease: number;
}

const byPriority = (a: Held, b: Held) => b.delivery.priority - a.delivery.priority || a.delivery.id - b.delivery.id;

/**
 * The rows one platform lane holds (claimed, waiting for a token) and is sending, with their
 * lease tokens. Leases are renewed a third of a lease at a time, so a slow platform call never
 * lets another process (or a later claim of this one) take over a row still being sent.
 */
export class ClaimSet {
  /** Breaking first, then oldest: the order `pick` offers rows to the rate limits. */
  readonly held: Held[] = [];
  private readonly sending = new Map<number, number>();
  private lastRenewal = Number.NEGATIVE_INFINITY;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  add(rows: Held[]): void {
    for (const h of rows) this.held.push(h);
    this.held.sort(byPriority);
  }

  /** Removes by identity: `held` may have been re-sorted since the caller looked. */
  remove(h: Held): void {
    const i = this.held.indexOf(h);
    if (i >= 0) this.held.splice(i, 1);
  }

  startedSending(id: number, lease: number): void {
    this.sending.set(id, lease);
  }

  doneSending(id: number): void {
    this.sending.delete(id);
  }

  /** Renews every lease when a third of one has passed; a held row found lost is let go, unsent. */
  renewIfDue(now: number): Promise<void> {
    if (this.renewing || now - this.lastRenewal < this.leaseMs / 3) return this.renewing ?? Promise.resolve();
    this.lastRenewal = now;
    this.renewing = this.renew(now).finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renew(now: number): Promise<void> {
    const byLease = new Map<number, number[]>();
    const add = (lease: number, id: number) => byLease.set(lease, [...(byLease.get(lease) ?? []), id]);
    for (const h of this.held) add(h.lease, h.delivery.id);
    for (const [id, lease] of this.sending) add(lease, id);
    const asked = new Set([...byLease.values()].flat());
    const renewed = now + this.leaseMs;
    const kept = new Set<number>();
    for (const [lease, ids] of byLease) for (const id of await renewLeases(this.db, ids, lease, renewed, now)) kept.add(id);
    for (const id of this.sending.keys()) if (kept.has(id)) this.sending.set(id, renewed);
    // Only rows this renewal asked about: ones claimed meanwhile carry fresh leases already.
    for (const h of [...this.held]) {
      if (!asked.has(h.delivery.id)) continue;
      if (kept.has(h.delivery.id)) h.lease = renewed;
      else {
        this.log.warn({ delivery: h.delivery.id }, "lost the claim on a held delivery (this process stalled past its lease); leaving it to whoever holds it now");
        this.remove(h);
      }
    }
  }

  /** Hands the given held rows (default: all) back to the outbox, due at `at`. */
  async release(at: number, now: number, rows: Held[] = [...this.held]): Promise<void> {
    for (const h of rows) this.remove(h);
    if (rows.length > 0) await releaseDeliveries(this.db, rows.map((h) => ({ id: h.delivery.id, lease: h.lease })), at, now);
  }
}
