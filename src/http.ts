import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

/** A route an adapter serves on HTTP_PORT (the Telegram webhook); it writes its own response. */
export interface HttpRoute {
  method: "GET" | "POST";
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface HttpRoutes {
  health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  metrics: Registry;
  /** Adapters' routes, matched exactly after /healthz and /metrics. */
  extra?: readonly HttpRoute[];
}

export interface HttpHandle {
  port: number;
  close(): Promise<void>;
}

/** /healthz (JSON; 503 when the database is unreachable), /metrics (Prometheus text) and adapters' routes. */
export async function startHttpServer(port: number, routes: HttpRoutes): Promise<HttpHandle> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const fail = (error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    };
    if (req.method === "GET" && path === "/healthz") {
      routes
        .health()
        .then((body) => res.writeHead(body.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(body)))
        .catch(fail);
      return;
    }
    if (req.method === "GET" && path === "/metrics") {
      routes.metrics
        .metrics()
        .then((text) => res.writeHead(200, { "content-type": routes.metrics.contentType }).end(text))
        .catch(fail);
      return;
    }
    const route = routes.extra?.find((r) => r.method === req.method && r.path === path);
    if (route) {
      route.handle(req, res).catch((error: unknown) => (res.headersSent ? res.end() : fail(error)));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
