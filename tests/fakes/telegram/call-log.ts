// Every call the fake received, in the order it answered them, and waiting for a call to show up.
import type { Params } from "./params.js";
import type { ApiResponse } from "./telegram-errors.js";

export interface RecordedCall {
  /** The method name as called (the Bot API itself matches names case-insensitively). */
  method: string;
  payload: Params;
  /** When the call arrived, in ms on the fake's clock. */
  at: number;
  /** What the fake answered; null when a "hang" or "drop" fault meant no answer at all. */
  response: ApiResponse | null;
  fault?: "hang" | "drop";
}

export type CallMatcher = string | ((call: RecordedCall) => boolean);

export interface CallLog {
  readonly calls: readonly RecordedCall[];
  record(call: RecordedCall): void;
  waitFor(match: CallMatcher, timeoutMs: number): Promise<RecordedCall>;
  /** Fails every pending waitFor at once, e.g. when the fake closes. */
  abandonWaiters(reason: string): void;
}

interface Waiter {
  test: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createCallLog(startedAt: number): CallLog {
  const calls: RecordedCall[] = [];
  const waiters = new Set<Waiter>();

  function describeRecent(): string {
    const polls = calls.filter((c) => c.method === "getUpdates").length;
    const recent = calls.filter((c) => c.method !== "getUpdates").slice(-15);
    const lines = recent.map((c) => `  +${c.at - startedAt}ms ${c.method} ${truncate(JSON.stringify(c.payload), 160)} → ${outcome(c)}`);
    return [`Recent calls (${polls} getUpdates calls not shown):`, ...(lines.length ? lines : ["  (none)"])].join("\n");
  }

  return {
    calls,
    record(call) {
      calls.push(call);
      for (const waiter of waiters) {
        if (!waiter.test(call)) continue;
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    },
    waitFor(match, timeoutMs) {
      const test = typeof match === "string" ? (c: RecordedCall) => c.method === match : match;
      const found = calls.find(test);
      if (found) return Promise.resolve(found);
      const wanted = typeof match === "string" ? `${match} call` : "matching call";
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          test,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`waitFor: no ${wanted} reached the fake Telegram within ${timeoutMs} ms.\n${describeRecent()}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    abandonWaiters(reason) {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`waitFor: ${reason}.\n${describeRecent()}`));
      }
      waiters.clear();
    },
  };
}

function outcome(call: RecordedCall): string {
  if (call.fault) return `(${call.fault} fault)`;
  if (!call.response) return "(no answer)";
  return call.response.ok ? "ok" : `${call.response.error_code} ${call.response.description}`;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
