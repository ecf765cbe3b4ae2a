// The HTTP side of the fake: routes `/bot<token>/<method>`, decodes JSON, url-encoded and query
// parameters, and writes answers. It knows nothing about Telegram beyond that URL shape.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Params } from "./params.js";
import { errorResponse, telegramErrors, type ApiResponse, type TelegramError } from "./telegram-errors.js";

export interface IncomingCall {
  token: string;
  method: string;
  params: Params;
  /** Aborted when the client goes away before the answer is written. */
  signal: AbortSignal;
}

export type Reply = { kind: "json"; status: number; body: ApiResponse } | { kind: "hang" } | { kind: "drop" };

export interface BotApiServer {
  /** "http://127.0.0.1:<port>", no trailing slash, as grammY's `apiRoot` wants it. */
  apiRoot: string;
  close(): Promise<void>;
}

const routePattern = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/;

export async function serveBotApi(handle: (call: IncomingCall) => Promise<Reply>): Promise<BotApiServer> {
  const inFlight = new Set<Promise<void>>();
  const hungSockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const done = serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeJson(res, 500, errorResponse({ error_code: 500, description: `Internal Server Error: ${String(error)}` }));
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const route = routePattern.exec(url.pathname);
    if (!route || (req.method !== "GET" && req.method !== "POST")) return writeError(res, telegramErrors.notFound());
    const params = await readParams(req, url);
    if ("error" in params) return writeError(res, params.error);

    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const reply = await handle({ token: decodeURIComponent(route[1]), method: route[2], params: params.values, signal: aborted.signal });
    if (reply.kind === "drop") {
      req.socket.destroy();
    } else if (reply.kind === "hang") {
      hungSockets.add(req.socket);
      req.socket.once("close", () => hungSockets.delete(req.socket));
    } else if (!aborted.signal.aborted) {
      writeJson(res, reply.status, reply.body);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of hungSockets) socket.destroy();
      // Let answers already on their way (such as released long polls) reach the client first.
      await Promise.race([Promise.allSettled(inFlight), new Promise((resolve) => setTimeout(resolve, 500))]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function writeJson(res: ServerResponse, status: number, body: ApiResponse): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function writeError(res: ServerResponse, error: TelegramError): void {
  writeJson(res, error.error_code, errorResponse(error));
}

async function readParams(req: IncomingMessage, url: URL): Promise<{ values: Params } | { error: TelegramError }> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  if (body === "") return { values };

  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      return { values: { ...values, ...parsed } };
    } catch {
      return { error: telegramErrors.badRequest("can't parse request JSON object") };
    }
  }
  if (type === "application/x-www-form-urlencoded") {
    return { values: { ...values, ...Object.fromEntries(new URLSearchParams(body)) } };
  }
  // multipart/form-data carries file uploads, which newsflash never sends.
  return { error: telegramErrors.badRequest(`the fake Telegram server does not accept "${type}" request bodies`) };
}
