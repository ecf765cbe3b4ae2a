// Failures a test queues with `failNext`; each matching request consumes one use.
import { rateLimited } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { compilePathPattern } from "./route-pattern.js";
import type { PathMatcher } from "./route-pattern.js";

export interface FailureSpec extends FakeReply {
  /** How many matching requests fail; 1 by default. */
  times?: number;
}

interface QueuedFailure {
  method: string;
  matches: PathMatcher;
  reply: FakeReply;
  remaining: number;
}

export interface InjectedFailures {
  add(method: string, pattern: string | RegExp, spec: FailureSpec): void;
  take(method: string, path: string): FakeReply | null;
}

/** A 429 spelled only by its body still gets the headers discord.js reads (Retry-After, X-RateLimit-Global). */
function completeReply(spec: FailureSpec): FakeReply {
  if (spec.status !== 429) {
    return { status: spec.status, body: spec.body ?? { message: `${spec.status}: injected failure`, code: 0 }, headers: spec.headers };
  }
  const body = (spec.body ?? {}) as { retry_after?: number; global?: boolean };
  const defaults = rateLimited(body.retry_after ?? 0.5, { global: body.global ?? false });
  return { status: 429, body: spec.body ?? defaults.body, headers: { ...defaults.headers, ...spec.headers } };
}

export function createInjectedFailures(): InjectedFailures {
  const queue: QueuedFailure[] = [];
  return {
    add(method, pattern, spec) {
      queue.push({
        method: method.toUpperCase(),
        matches: compilePathPattern(pattern),
        reply: completeReply(spec),
        remaining: spec.times ?? 1,
      });
    },
    take(method, path) {
      const index = queue.findIndex((failure) => failure.method === method && failure.matches(path) !== null);
      const failure = queue[index];
      if (!failure) return null;
      failure.remaining -= 1;
      if (failure.remaining <= 0) queue.splice(index, 1);
      return failure.reply;
    },
  };
}
