// Fault injection: the next matching call(s) fail with a chosen Telegram error, hang until the
// client gives up, or lose their connection.
import type { Params } from "./params.js";
import type { TelegramError } from "./telegram-errors.js";

/** "hang": never answer (until the client aborts or the fake closes). "drop": destroy the socket. */
export type Fault = TelegramError | "hang" | "drop";

export interface FaultOptions {
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Only calls whose chat_id equals this (compared as text, so "@name" works too). */
  chatId?: number | string;
}

interface PlannedFault {
  method: string;
  fault: Fault;
  chatId?: string;
  remaining: number;
}

export interface FaultPlan {
  add(method: string, fault: Fault, options?: FaultOptions): void;
  /** The fault for this call, if one is planned; uses up one of its times. */
  take(method: string, params: Params): Fault | undefined;
}

export function createFaultPlan(): FaultPlan {
  const planned: PlannedFault[] = [];
  return {
    add(method, fault, { times = 1, chatId } = {}) {
      planned.push({ method: method.toLowerCase(), fault, chatId: chatId === undefined ? undefined : String(chatId), remaining: times });
    },
    take(method, params) {
      const name = method.toLowerCase();
      const index = planned.findIndex((p) => p.method === name && (p.chatId === undefined || p.chatId === String(params.chat_id)));
      if (index === -1) return undefined;
      const found = planned[index];
      if (--found.remaining <= 0) planned.splice(index, 1);
      return found.fault;
    },
  };
}
