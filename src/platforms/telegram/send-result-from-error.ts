import { scrubSecrets } from "../../logger.js";
import type { SendResult } from "../../delivery/send-result.js";

/** The fields of a Bot API error answer (grammY's GrammyError carries exactly these). */
interface ApiErrorShape {
  error_code: number;
  description: string;
  method?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

function isApiError(error: unknown): error is ApiErrorShape {
  return typeof error === "object" && error !== null && typeof (error as ApiErrorShape).error_code === "number" && typeof (error as ApiErrorShape).description === "string";
}

/** Error text safe for logs and the outbox: grammY's messages can carry request URLs with the token. */
export function telegramErrorText(error: unknown, secrets: readonly string[]): string {
  if (isApiError(error)) return scrubSecrets(`${error.method ? `${error.method}: ` : ""}${error.error_code} ${error.description}`, secrets);
  if (!(error instanceof Error)) return scrubSecrets(String(error), secrets);
  // grammY's HttpError wraps the fetch failure, whose message says what went wrong on the wire.
  const inner: unknown = (error as Error & { error?: unknown }).error;
  const cause = inner instanceof Error ? ` (${inner.message})` : "";
  return scrubSecrets(error.message + cause, secrets);
}

/**
 * Sorts anything thrown by a Bot API call into the dispatcher's classes. Pure, so the whole table
 * is unit-tested; the order of the checks matters where one answer matches two rows.
 */
export function sendResultFromError(error: unknown, secrets: readonly string[]): SendResult {
  const text = telegramErrorText(error, secrets);
  // No API answer at all (network, timeout, abort): the message may or may not have gone out.
  if (!isApiError(error)) return { status: "transient", error: text };
  const { error_code: code, description, parameters = {} } = error;
  const known = { error: text, httpStatus: code };
  if (code === 429) {
    // Telegram names the wait in seconds; without it, one second is the documented per-chat pace.
    return { status: "retry-after", retryAfterMs: Math.max(1, parameters.retry_after ?? 1) * 1000, scope: "chat", ...known };
  }
  // Checked before "chat not found": an upgraded group answers 400 for its old id too.
  if (parameters.migrate_to_chat_id !== undefined) return { status: "migrated", newChatId: String(parameters.migrate_to_chat_id), ...known };
  // Blocked by the user, kicked, user deactivated, not a member: the chat is closed to the bot.
  if (code === 403) return { status: "gone", ...known };
  if (code === 400 && /chat not found/i.test(description)) return { status: "gone", ...known };
  if (code >= 500) return { status: "transient", ...known };
  // 401 (token revoked) and 404 (wrong API root) are the operator's to fix; keep the messages.
  if (code === 401 || code === 404) return { status: "transient", ...known };
  return { status: "rejected", ...known };
}
