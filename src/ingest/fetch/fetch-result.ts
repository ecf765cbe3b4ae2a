import type { HostLimiter } from "./host-limiter.js";

export interface FetchOptions {
  /** ETag stored from the last successful fetch: sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified stored from the last successful fetch: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** sha256 hex of the last body parsed: an identical body comes back as "unchanged". */
  previousBodyHash?: string | null;
  /** Cap on the body, checked on the bytes received and again after decompression. */
  maxBytes?: number;
  /** DNS lookup + TCP connect (+ TLS handshake for https). */
  connectTimeoutMs?: number;
  /** The whole fetch, redirects and body included; counted from when the host limiter lets it run. */
  totalTimeoutMs?: number;
  userAgent?: string;
  /**
   * Cancels the fetch (e.g. on shutdown); the result is then an "aborted" error. Each fetch under
   * way or waiting in the host limiter listens to it: a signal shared by more than ten at once
   * needs `events.setMaxListeners(0, signal)` to keep Node from warning about a leak.
   */
  signal?: AbortSignal;
  /** Shared between fetches so one host never gets more than a few requests at once. */
  hostLimiter?: HostLimiter;
}

/** What the final response said about itself; the caller stores these for the next poll. */
export interface ResponseFacts {
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /** Set when every redirect in the chain was permanent (301/308): store this URL instead. */
  permanentRedirectTo: string | null;
  etag: string | null;
  lastModified: string | null;
  cacheControlMaxAgeSeconds: number | null;
  httpStatus: number;
}

export type FetchErrorKind =
  | "timeout"
  | "too-large"
  | "too-many-redirects"
  | "http"
  | "network"
  | "invalid-url"
  /** The caller's signal fired: not the source's fault, so not worth showing as its last error. */
  | "aborted";

export interface FetchError {
  status: "error";
  kind: FetchErrorKind;
  /** One line a user can read as the source's last error. */
  message: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
}

export type FetchResult =
  | ({ status: "ok"; body: Uint8Array; contentType: string | null; bodyHash: string } & ResponseFacts)
  /** 2xx, but the body hashes to previousBodyHash: parsing can be skipped. */
  | ({ status: "unchanged"; bodyHash: string } & ResponseFacts)
  /** HTTP 304. etag / lastModified fall back to the ones sent when the 304 does not repeat them. */
  | ({ status: "not-modified" } & ResponseFacts)
  | FetchError;
