// A tiny loopback chat platform for delivery tests, the crash test and bench/dispatch: one
// JSON endpoint per call, optional rate limits that answer 429 like Telegram (retry_after in
// seconds) or Discord (Retry-After and `global`), planned faults, and a log of every message.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createWindows, type WindowLimits } from "./windows.js";

export interface ReceivedMessage {
  call: "send" | "edit";
  chatId: string;
  /** What the client says the message is (story id, digest id): duplicates share a key. */
  key: string;
  text: string;
  messageId: string;
  /** performance.timeOrigin + performance.now() on arrival. */
  at: number;
}

/** A planned answer instead of the normal one. */
export type Fault =
  | { status: number; body?: Record<string, unknown>; headers?: Record<string, string> }
  /** Close the connection without answering (a reset). */
  | { reset: true };

export interface LoopbackOptions {
  limits?: WindowLimits;
  /** Answer 429 with Retry-After and a fractional body (Discord) instead of whole seconds (Telegram). */
  style?: "telegram" | "discord";
}

export interface LoopbackPlatform {
  url: string;
  messages: ReceivedMessage[];
  stats: { requests: number; accepted: number; tooManyRequests: number; faults: number };
  /** Every 429 answered: which chat, which limit, when. */
  refusals: Array<{ chatId: string; scope: "chat" | "global"; retryAfterMs: number; at: number }>;
  /** The next `times` calls for `chatId` (or any chat with "*") get `fault`. */
  fail(chatId: string, fault: Fault, times?: number): void;
  /** Keys received more than once, counted once per extra copy. */
  duplicates(): number;
  onMessage(listener: (m: ReceivedMessage) => void): void;
  close(): Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

export async function startLoopbackPlatform(opts: LoopbackOptions = {}): Promise<LoopbackPlatform> {
  const windows = createWindows(opts.limits ?? {});
  const messages: ReceivedMessage[] = [];
  const stats = { requests: 0, accepted: 0, tooManyRequests: 0, faults: 0 };
  const faults: Array<{ chatId: string; fault: Fault; left: number }> = [];
  const listeners: Array<(m: ReceivedMessage) => void> = [];
  const refusals: LoopbackPlatform["refusals"] = [];
  let nextId = 1;

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function duplicates(): number {
    const seen = new Map<string, number>();
    for (const m of messages) if (m.call === "send") seen.set(`${m.chatId}\u0000${m.key}`, (seen.get(`${m.chatId}\u0000${m.key}`) ?? 0) + 1);
    return [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  }

  function takeFault(chatId: string): Fault | undefined {
    const i = faults.findIndex((f) => f.chatId === chatId || f.chatId === "*");
    if (i < 0) return undefined;
    const planned = faults[i] as (typeof faults)[number];
    if (--planned.left <= 0) faults.splice(i, 1);
    return planned.fault;
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === "GET" && req.url === "/stats") return json(res, 200, { ...stats, duplicates: duplicates(), refusals });
      if (req.method === "GET" && req.url === "/messages") return json(res, 200, messages);
      const call = req.url === "/edit" ? "edit" : req.url === "/send" ? "send" : undefined;
      if (req.method !== "POST" || !call) return json(res, 404, { error: "no such call" });
      const body = await readJson(req);
      stats.requests++;
      const chatId = String(body.chatId ?? "");
      const fault = takeFault(chatId);
      if (fault) {
        stats.faults++;
        if ("reset" in fault) return req.socket.destroy();
        return json(res, fault.status, fault.body ?? {}, fault.headers);
      }
      const admission = windows.admit(chatId);
      if (!admission.ok) {
        stats.tooManyRequests++;
        refusals.push({ chatId, scope: admission.scope, retryAfterMs: admission.retryAfterMs, at: now() });
        if (opts.style === "discord") {
          const seconds = Math.ceil(admission.retryAfterMs) / 1000;
          return json(res, 429, { message: "You are being rate limited.", retry_after: seconds, global: admission.scope === "global" }, { "retry-after": String(seconds) });
        }
        return json(res, 429, { ok: false, error_code: 429, parameters: { retry_after: Math.ceil(admission.retryAfterMs / 1000) } });
      }
      const messageId = call === "edit" ? String(body.messageId ?? "") : String(nextId++);
      const message: ReceivedMessage = { call, chatId, key: String(body.key ?? ""), text: String(body.text ?? ""), messageId, at: now() };
      messages.push(message);
      stats.accepted++;
      for (const listener of listeners) listener(message);
      json(res, 200, { ok: true, message_id: messageId });
    })().catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    stats,
    refusals,
    fail(chatId, fault, times = 1) {
      faults.push({ chatId, fault, left: times });
    },
    duplicates,
    onMessage(listener) {
      listeners.push(listener);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
