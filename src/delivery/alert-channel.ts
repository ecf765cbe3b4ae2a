import type { Alert } from "./alert.js";
import type { SendResult } from "./send-result.js";

export interface AlertTarget {
  chatId: string;
  /** Telegram forum topic / Discord thread the subscription was made in. */
  threadId: string | null;
}

/**
 * The part of a platform adapter the dispatcher needs. Implementations render the alert with
 * their platform's renderer and sort every platform error into a `SendResult`; they never throw.
 */
export interface AlertChannel {
  readonly platform: string;
  send(target: AlertTarget, alert: Alert): Promise<SendResult>;
  /** Group chats pass through an extra rate-limit bucket (Telegram's 20/min per group). */
  isGroupChat?(chatId: string): boolean;
}
