import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A canned response. Content-Length is set from the body unless `headers` names it or `chunked`; `delayMs`
 * holds back the headers, `dripBytesPerSecond` paces the body.
 */
export interface RouteSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  delayMs?: number;
  dripBytesPerSecond?: number;
  /** Send the body without Content-Length (chunked), so its size is unknown up front. */
  chunked?: boolean;
}

// Drips are sent in slices at least this far apart, so fast drips do not become timer storms.
const DRIP_TICK_MS = 50;

export async function sendRouteSpec(res: ServerResponse, spec: RouteSpec, closed: AbortSignal): Promise<void> {
  const body = typeof spec.body === "string" ? Buffer.from(spec.body) : Buffer.from(spec.body ?? new Uint8Array());
  if (spec.delayMs) await sleep(spec.delayMs, undefined, { signal: closed });
  const headers: Record<string, string> = spec.chunked ? {} : { "content-length": String(body.length) };
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  res.writeHead(spec.status ?? 200, headers);
  if (!spec.dripBytesPerSecond) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const tickMs = Math.max(DRIP_TICK_MS, 1000 / spec.dripBytesPerSecond);
  const slice = Math.max(1, Math.round((spec.dripBytesPerSecond * tickMs) / 1000));
  for (let offset = 0; offset < body.length; offset += slice) {
    res.write(body.subarray(offset, offset + slice));
    await sleep(tickMs, undefined, { signal: closed });
  }
  res.end();
}
