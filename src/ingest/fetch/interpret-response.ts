import { createHash } from "node:crypto";
import { parseMaxAgeSeconds } from "./cache-control.js";
import type { FetchSettings } from "./fetch-settings.js";
import type { FetchResult, ResponseFacts } from "./fetch-result.js";
import { httpStatusFailure } from "./http-error.js";
import type { ResponseHead } from "./open-exchange.js";
import { readBody } from "./read-body.js";
import type { RedirectChain } from "./redirect-chain.js";

/** Turns the final, non-redirect response into a result; throws a FetchFailure for errors. */
export async function interpretResponse(
  head: ResponseHead,
  chain: RedirectChain,
  settings: FetchSettings,
  signal: AbortSignal,
): Promise<FetchResult> {
  const facts: ResponseFacts = {
    finalUrl: chain.current.href,
    permanentRedirectTo: chain.permanentTarget(),
    etag: head.headers.etag ?? null,
    lastModified: head.headers["last-modified"] ?? null,
    cacheControlMaxAgeSeconds: parseMaxAgeSeconds(head.headers["cache-control"]),
    httpStatus: head.status,
  };

  if (head.status === 304) {
    head.body.destroy();
    // A 304 need not repeat the validators; storing null would lose them for the next poll.
    return {
      status: "not-modified",
      ...facts,
      etag: facts.etag ?? settings.etag ?? null,
      lastModified: facts.lastModified ?? settings.lastModified ?? null,
    };
  }
  if (head.status < 200 || head.status > 299) {
    head.body.destroy();
    throw httpStatusFailure(head);
  }

  const body = await readBody(head, settings.maxBytes, signal);
  const bodyHash = createHash("sha256").update(body).digest("hex");
  if (bodyHash === settings.previousBodyHash) return { status: "unchanged", bodyHash, ...facts };
  return { status: "ok", body, contentType: head.headers["content-type"] ?? null, bodyHash, ...facts };
}
