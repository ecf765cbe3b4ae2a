import type { AlertChannel } from "../delivery/alert-channel.js";
import type { HttpRoute } from "../http.js";

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
  /** Routes to serve on HTTP_PORT (Telegram's webhook); mounted before `start()` is called. */
  readonly httpRoutes?: readonly HttpRoute[];
}
