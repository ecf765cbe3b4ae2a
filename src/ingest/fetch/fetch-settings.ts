import type { FetchOptions } from "./fetch-result.js";

export const DEFAULT_USER_AGENT = "newsflash/0.1 (+https://github.com/newsflash; feed fetcher)";

export const FETCH_DEFAULTS = {
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  userAgent: DEFAULT_USER_AGENT,
} as const;

type Defaulted = keyof typeof FETCH_DEFAULTS;

/** FetchOptions with every defaulted field filled in. */
export type FetchSettings = Omit<FetchOptions, Defaulted> & Required<Pick<FetchOptions, Defaulted>>;

export function resolveFetchSettings(options: FetchOptions): FetchSettings {
  return {
    ...options,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    connectTimeoutMs: options.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs,
    userAgent: options.userAgent ?? FETCH_DEFAULTS.userAgent,
  };
}
