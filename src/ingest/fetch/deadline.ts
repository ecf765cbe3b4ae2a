import { FetchFailure } from "./fetch-failure.js";
import { formatSeconds } from "./human-units.js";

export interface Deadline {
  /** Fires on the total timeout or when the caller's signal fires; its reason is a FetchFailure. */
  signal: AbortSignal;
  dispose(): void;
}

/**
 * One signal per fetch that ends everything still open. Request listeners attach to this
 * short-lived signal, never to the caller's, which may be shared by every fetch until shutdown.
 */
export function startDeadline(totalTimeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onCallerAbort = (): void => {
    controller.abort(new FetchFailure("aborted", "fetch cancelled before it finished"));
  };
  const timer = setTimeout(() => {
    controller.abort(new FetchFailure("timeout", `total timeout after ${formatSeconds(totalTimeoutMs)}: download aborted`));
  }, totalTimeoutMs);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
