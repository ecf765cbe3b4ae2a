import type { AlertChannel } from "../delivery/alert-channel.js";

export type PlatformState = "starting" | "running" | "reconnecting" | "stopped" | "error";

/**
 * One chat platform: it receives commands (running them through commands/) and is an
 * `AlertChannel` for the dispatcher. Console, Telegram and Discord all implement this.
 */
export interface PlatformAdapter extends AlertChannel {
  start(): Promise<void>;
  /** Stops taking commands; sends already in flight finish. */
  stop(): Promise<void>;
  health(): { state: PlatformState; detail?: string };
}
