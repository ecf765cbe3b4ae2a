export { fetchFeed } from "./fetch-feed.js";
export type { FetchError, FetchErrorKind, FetchOptions, FetchResult, ResponseFacts } from "./fetch-result.js";
export { DEFAULT_USER_AGENT, FETCH_DEFAULTS } from "./fetch-settings.js";
export { createHostLimiter } from "./host-limiter.js";
export type { HostLimiter } from "./host-limiter.js";
export { MAX_REDIRECTS } from "./redirect-chain.js";
export { parseRetryAfter } from "./retry-after.js";
export { parseMaxAgeSeconds } from "./cache-control.js";
