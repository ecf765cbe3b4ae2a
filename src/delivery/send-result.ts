/**
 * What an adapter reports after trying to send (or edit) one message. The dispatcher decides what
 * happens next from the class alone, so every platform error must be sorted into one of these.
 * `httpStatus`, when the adapter knows it, lets the dispatcher count Discord's invalid requests
 * (401, 403, 429) exactly; without it, retry-after and gone answers are counted.
 */
export type SendResult =
  | { status: "sent"; messageId: string }
  /** The platform said to wait: pause exactly what it names. `scope` "global" pauses the platform. */
  | { status: "retry-after"; retryAfterMs: number; scope: "chat" | "global"; error: string; httpStatus?: number }
  /** 5xx, timeouts, resets: retry with backoff. */
  | { status: "transient"; error: string; httpStatus?: number }
  /** Chat gone or bot removed: deactivate the chat's subscriptions, drop its pending deliveries. */
  | { status: "gone"; error: string; httpStatus?: number }
  /** Group upgraded to a supergroup (Telegram): move everything to the new chat id and resend. */
  | { status: "migrated"; newChatId: string; error: string; httpStatus?: number }
  /** The platform refused the message itself (malformed): log the payload, never retry. */
  | { status: "rejected"; error: string; httpStatus?: number };
