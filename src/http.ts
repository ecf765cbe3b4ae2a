import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface HttpRoutes {
  health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  metrics: Registry;
}

export interface HttpHandle {
  port: number;
  close(): Promise<void>;
}

/** /healthz (JSON; 503 when the database is unreachable) and /metrics (Prometheus text). */
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
