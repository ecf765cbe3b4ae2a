// Starts serve.ts as a child process and reads its counters over HTTP.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoopbackOptions } from "./server.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface LoopbackStats {
  requests: number;
  accepted: number;
  tooManyRequests: number;
  duplicates: number;
  refusals: Array<{ chatId: string; scope: "chat" | "global"; retryAfterMs: number; at: number }>;
}

export interface LoopbackProcess {
  url: string;
  stats(): Promise<LoopbackStats>;
  close(): Promise<void>;
}

export async function startLoopbackProcess(opts: LoopbackOptions): Promise<LoopbackProcess> {
  const child = spawn(process.execPath, [`${root}bin/run-ts.js`, "tests/fakes/loopback-platform/serve.ts", JSON.stringify(opts)], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(line.trim());
    });
    child.on("exit", (code) => reject(new Error(`loopback platform exited (${code}) before it listened`)));
  });
  return {
    url,
    async stats() {
      const res = await fetch(`${url}/stats`);
      return (await res.json()) as LoopbackStats;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
