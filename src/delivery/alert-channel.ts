import type { Alert } from "./alert.js";
import type { Digest } from "./digest.js";
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
  /**
   * Rewrites an alert already sent (`messageId` is what its `send` returned) with the same
   * renderer: the cluster gained sources ("+2 more: AP, BBC"). "sent" carries the message id
   * again. An answer that the text is unchanged counts as "sent"; a message that no longer
   * exists is "rejected". Absent: the platform cannot edit and growth is not shown.
   */
  edit?(target: AlertTarget, messageId: string, alert: Alert): Promise<SendResult>;
  /**
   * One digest message (render it with the platform's digest renderer in delivery/render).
   * Absent: the dispatcher sends the digest through `send` as an alert listing the headlines.
   */
  sendDigest?(target: AlertTarget, digest: Digest): Promise<SendResult>;
  /** Group chats pass through an extra rate-limit bucket (Telegram's 20/min per group). */
  isGroupChat?(chatId: string): boolean;
  /**
   * Discord: reports 401/403/429 answers the SDK saw outside `send` (its own retries, commands),
   * so the dispatcher can keep the invalid-request budget; the dispatcher subscribes at start.
   */
  onInvalidRequests?(listener: (count: number) => void): void;
}
