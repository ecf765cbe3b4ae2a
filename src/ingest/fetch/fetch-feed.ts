import { startDeadline } from "./deadline.js";
import { FetchFailure } from "./fetch-failure.js";
import type { FetchOptions, FetchResult } from "./fetch-result.js";
import { resolveFetchSettings } from "./fetch-settings.js";
import type { FetchSettings } from "./fetch-settings.js";
import { parseFetchableUrl } from "./fetchable-url.js";
import { interpretResponse } from "./interpret-response.js";
import { describeNetworkError } from "./network-error-message.js";
import { openExchange } from "./open-exchange.js";
import { createRedirectChain, isRedirectStatus } from "./redirect-chain.js";
import { buildRequestHeaders } from "./request-headers.js";

/**
 * Fetches a feed (or any page) with conditional GET, decompression, manual redirects, a size cap
 * and timeouts. Never throws and never rejects: every outcome is a FetchResult.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const parsed = parseFetchableUrl(url);
  if (parsed.status === "invalid") return new FetchFailure("invalid-url", parsed.message).toResult();
  const settings = resolveFetchSettings(options);
  const limiter = settings.hostLimiter;
  if (!limiter) return fetchWithinDeadline(parsed.url, settings);
  try {
    // The total timeout starts once the limiter lets the fetch run: waiting in line is not slowness.
    return await limiter.run(parsed.url, () => fetchWithinDeadline(parsed.url, settings), settings.signal);
  } catch {
    // fetchWithinDeadline never rejects, so only the caller's signal firing in the queue lands here.
    return new FetchFailure("aborted", "fetch cancelled while waiting for its turn at this host").toResult();
  }
}

async function fetchWithinDeadline(url: URL, settings: FetchSettings): Promise<FetchResult> {
  const deadline = startDeadline(settings.totalTimeoutMs, settings.signal);
  try {
    return await fetchFollowingRedirects(url, settings, deadline.signal);
  } catch (error) {
    return failureFrom(error, deadline.signal).toResult();
  } finally {
    deadline.dispose();
  }
}

async function fetchFollowingRedirects(start: URL, settings: FetchSettings, signal: AbortSignal): Promise<FetchResult> {
  const headers = buildRequestHeaders(settings);
  const chain = createRedirectChain(start);
  for (;;) {
    const head = await openExchange(chain.current, headers, settings.connectTimeoutMs, signal);
    if (!isRedirectStatus(head.status)) return interpretResponse(head, chain, settings, signal);
    head.body.destroy();
    chain.follow(head.status, head.headers.location);
  }
}

function failureFrom(error: unknown, deadline: AbortSignal): FetchFailure {
  if (error instanceof FetchFailure) return error;
  // Ending a download destroys its socket, which reports a reset or a premature close; the
  // deadline knows what really happened.
  if (deadline.aborted && deadline.reason instanceof FetchFailure) return deadline.reason;
  return new FetchFailure("network", describeNetworkError(error));
}
