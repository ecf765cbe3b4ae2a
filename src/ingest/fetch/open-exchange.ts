import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { FetchFailure } from "./fetch-failure.js";
import { formatSeconds } from "./human-units.js";

export interface ResponseHead {
  status: number;
  headers: IncomingHttpHeaders;
  /** Still unread: the caller reads or destroys it. */
  body: IncomingMessage;
}

/*
 * Node's own http/https rather than undici: the fetcher follows redirects and decompresses by
 * hand (the size cap must see decompressed bytes), so undici's conveniences would go unused, and a
 * per-request connect timeout here is a timer on one socket instead of a dispatcher per fetch.
 */

/**
 * Sends one GET and resolves with the response head. Everything open is destroyed when `signal`
 * fires. `agent: false` gives each request its own connection: the connect timer then always
 * applies, and a server closing an idle keep-alive socket can never show up as a reset. Feeds are
 * polled minutes apart, so reusing connections would buy nothing.
 */
export function openExchange(
  url: URL,
  headers: Record<string, string>,
  connectTimeoutMs: number,
  signal: AbortSignal,
): Promise<ResponseHead> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(url, { method: "GET", headers, agent: false });
    let response: IncomingMessage | undefined;

    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      const error = reason instanceof Error ? reason : new Error(String(reason));
      request.destroy(error);
      response?.destroy(error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    request.once("close", () => signal.removeEventListener("abort", onAbort));

    request.once("socket", (socket: Socket) => {
      // TLS counts as connecting: a server that accepts TCP but never finishes the handshake is as
      // unreachable as one that never accepts.
      const connected = secure ? "secureConnect" : "connect";
      const timer = setTimeout(() => {
        request.destroy(new FetchFailure("timeout", `connect timeout after ${formatSeconds(connectTimeoutMs)}`));
      }, connectTimeoutMs);
      const stop = (): void => clearTimeout(timer);
      socket.once(connected, stop);
      socket.once("close", stop);
    });

    // Stays attached after the promise settles: a late socket error must never go unhandled.
    request.on("error", reject);
    request.once("response", (message) => {
      response = message;
      // The reader attaches its own handlers; this one only keeps a stray error from crashing.
      message.on("error", () => {});
      resolve({ status: message.statusCode ?? 0, headers: message.headers, body: message });
    });
    request.end();
  });
}
