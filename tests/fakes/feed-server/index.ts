export { startFeedServer } from "./feed-server.js";
export type { FeedServer, RecordedRequest, RouteHandler } from "./feed-server.js";
export type { RouteSpec } from "./send-route-spec.js";
export {
  addRedirectChain,
  addRedirectLoop,
  compressedFeed,
  conditionalFeed,
  connectionReset,
  dripFeed,
  gzipBomb,
  httpStatus,
  hugeBody,
  redirectTo,
  serviceUnavailable,
  slowResponse,
  tooManyRequests,
} from "./routes.js";
export type { TestEncoding } from "./routes.js";
export { sampleRss } from "./sample-feed.js";
export { startSilentServer } from "./silent-server.js";
export type { SilentServer } from "./silent-server.js";
