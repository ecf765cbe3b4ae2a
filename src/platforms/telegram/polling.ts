import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, type Bot, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import { fromGrammySignal, toGrammySignal } from "./grammy-signal.js";
import { keepTrying, telegramBackoff } from "./keep-trying.js";

export interface PollingHooks {
  /** A getUpdates call answered: the connection is healthy (again). */
  onHealthy(): void;
  /** A getUpdates call failed and will be retried after `delayMs`. */
  onRetry(error: unknown, delayMs: number, failures: number): void;
  /** Polling stopped for good (401: the token was revoked). */
  onFatal(error: unknown): void;
}

/** The updates the adapter handles; Telegram remembers the list between calls. */
export const allowedUpdates = ["message", "channel_post", "callback_query", "my_chat_member"] as const satisfies ReadonlyArray<keyof Omit<Update, "update_id">>;

const neverAborted = new AbortController().signal;

/**
 * Wraps getUpdates so that network errors, 5xx, 409 and 429 are retried here with capped backoff
 * (429 waits what it names). The runner's own retry doubles without limit and prints to the
 * console; this keeps the wait bounded and the log ours. Only 401 reaches the runner.
 */
export function resilientGetUpdates(hooks: PollingHooks): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    const response = await keepTrying(
      async () => {
        const answer = await prev(method, payload, signal);
        if (!answer.ok && answer.error_code !== 401) throw new GrammyError(`Call to '${method}' failed!`, answer, method, payload);
        return answer;
      },
      { signal: signal ? fromGrammySignal(signal) : neverAborted, delayFor: telegramBackoff(), onRetry: hooks.onRetry },
    );
    if (response.ok) hooks.onHealthy();
    return response;
  };
}

/** Long polling with the runner: updates of different chats run concurrently. */
export function startPolling(bot: Bot, hooks: PollingHooks): RunnerHandle {
  const handle = run(bot, {
    runner: { fetch: { timeout: 30, allowed_updates: allowedUpdates }, silent: true, retryInterval: 1000 },
  });
  // The task rejects only when polling cannot go on (see resilientGetUpdates).
  handle.task()?.catch((error: unknown) => hooks.onFatal(error));
  return handle;
}

/**
 * Tells Telegram the handled updates are done. The runner confirms a batch only with its next
 * getUpdates, so without this a restart would handle the last batch (replies and all) twice.
 */
export async function confirmUpdates(bot: Bot, offset: number): Promise<void> {
  await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, toGrammySignal(AbortSignal.timeout(2000))).catch(() => undefined);
}
