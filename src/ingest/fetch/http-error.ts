import { STATUS_CODES } from "node:http";
import { FetchFailure } from "./fetch-failure.js";
import type { ResponseHead } from "./open-exchange.js";
import { parseRetryAfter } from "./retry-after.js";

/**
 * A failure for a status the fetcher cannot use. The standard reason phrase is shown rather than
 * the server's own, which users would otherwise read verbatim in the source's last error.
 */
export function httpStatusFailure(head: ResponseHead): FetchFailure {
  const reason = STATUS_CODES[head.status] ?? "";
  const retryAfter = parseRetryAfter(head.headers["retry-after"]) ?? undefined;
  const wait = retryAfter === undefined ? "" : ` (retry after ${retryAfter} s)`;
  return new FetchFailure("http", `HTTP ${head.status} ${reason}`.trimEnd() + wait, head.status, retryAfter);
}
