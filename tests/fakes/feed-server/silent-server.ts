import { createServer } from "node:net";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface SilentServer {
  port: number;
  /** A URL on this server; use "https" to make the TLS handshake, and so the connect, hang. */
  url(protocol: "http" | "https", path?: string): string;
  close(): Promise<void>;
}

/**
 * Accepts TCP connections and never says a word. Over https the client's TLS handshake never
 * finishes (a connect timeout); over http the response never starts (a total timeout).
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (protocol, path = "/") => `${protocol}://127.0.0.1:${port}${path}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
