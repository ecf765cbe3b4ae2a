/** When a source is polled next: pure rules, so they are tested without a clock or a network. */

export const MIN_INTERVAL_SECONDS = 60;
export const MAX_INTERVAL_SECONDS = 24 * 3600;
export const DEFAULT_INTERVAL_SECONDS = 300;
/** After this many failures in a row a source is paused (listed, not deleted) until resumed. */
export const PAUSE_AFTER_FAILURES = 20;

/** The feed may ask for a longer interval (<ttl>, Cache-Control), never a shorter one. */
export function successDelaySeconds(everySeconds: number, feedIntervalSeconds: number | null): number {
  return Math.min(MAX_INTERVAL_SECONDS, Math.max(everySeconds, feedIntervalSeconds ?? 0));
}

/** Doubles from the poll interval per consecutive failure, up to a day; a Retry-After is respected. */
export function failureDelaySeconds(everySeconds: number, consecutiveFailures: number, retryAfterSeconds?: number): number {
  const doubled = everySeconds * 2 ** Math.max(0, consecutiveFailures - 1);
  return Math.min(MAX_INTERVAL_SECONDS, Math.max(doubled, retryAfterSeconds ?? 0));
}

/** "5m", "90s", "2h", "1d" → seconds, within 1 minute .. 1 day; null when unreadable. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)\s*(s|m|h|d)$/i.exec(text.trim());
  if (!m) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? "s").toLowerCase() as "s" | "m" | "h" | "d"];
  const seconds = Number(m[1]) * unit;
  return seconds >= MIN_INTERVAL_SECONDS && seconds <= MAX_INTERVAL_SECONDS ? seconds : null;
}
