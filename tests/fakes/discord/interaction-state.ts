// Where an interaction stands. Computed when asked, so an unanswered interaction counts as failed
// the moment its deadline passes, with no timers to clean up.
import type { FakeSettings } from "./context.js";
import type { InteractionRecord } from "./world.js";

export type InteractionStatus = "pending" | "acknowledged" | "failed";

export function interactionStatus(record: InteractionRecord, settings: FakeSettings, now: number): InteractionStatus {
  if (record.acknowledgedAt !== null) return "acknowledged";
  return now - record.dispatchedAt > settings.interactionDeadlineMs ? "failed" : "pending";
}
