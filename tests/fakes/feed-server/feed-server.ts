import { createServer } from "node:http";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sendRouteSpec } from "./send-route-spec.js";
import type { RouteSpec } from "./send-route-spec.js";

/**
 * Answers one request. `closed` fires when the client goes away or the server closes, so a
 * handler that streams or waits can stop.
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, closed: AbortSignal) => void | Promise<void>;

export interface RecordedRequest {
  /** Path and query as requested. */
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** Bytes written to the connection for this response (headers included); final once it closes. */
  bytesSent: number;
}

export interface FeedServer {
  /** "http://127.0.0.1:<port>" */
  readonly origin: string;
  url(path: string): string;
  /** Sets (or replaces) what a path answers; the query string is ignored when matching. */
  route(path: string, response: RouteHandler | RouteSpec): void;
  /** Every request received, in arrival order; unknown paths get a 404 but are recorded too. */
  readonly requests: RecordedRequest[];
  /** Responses not yet finished right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Drops open connections (drips and streams included) and stops listening. */
  close(): Promise<void>;
}

/** A fake news site on 127.0.0.1 and a free port, for fetcher and end-to-end tests. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  const shutdown = new AbortController();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const socket = req.socket;
    const bytesBefore = socket.bytesWritten;
    const record: RecordedRequest = { path: req.url ?? "/", method: req.method ?? "GET", headers: req.headers, bytesSent: 0 };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);

    const closed = new AbortController();
    const onShutdown = (): void => closed.abort();
    shutdown.signal.addEventListener("abort", onShutdown, { once: true });
    res.once("close", () => {
      inFlight -= 1;
      record.bytesSent = socket.bytesWritten - bytesBefore;
      shutdown.signal.removeEventListener("abort", onShutdown);
      closed.abort();
    });

    const pathname = new URL(record.path, "http://fake.invalid").pathname;
    const handler = routes.get(pathname) ?? notFound;
    Promise.resolve()
      .then(() => handler(req, res, closed.signal))
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => new URL(path, origin).href,
    route(path, response) {
      routes.set(path, typeof response === "function" ? response : (req, res, closed) => sendRouteSpec(res, response, closed));
    },
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      shutdown.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain" }).end("not found");
}
