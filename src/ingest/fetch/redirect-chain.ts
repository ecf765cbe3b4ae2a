import { FetchFailure } from "./fetch-failure.js";
import { parseFetchableUrl } from "./fetchable-url.js";

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export interface RedirectChain {
  /** The URL to request next. */
  readonly current: URL;
  /** Moves to the redirect's target, or throws a FetchFailure for a bad, looping or overlong chain. */
  follow(status: number, location: string | undefined): URL;
  /** The final URL when every hop was permanent, so the caller can store it; otherwise null. */
  permanentTarget(): string | null;
}

export function createRedirectChain(start: URL, maxRedirects = MAX_REDIRECTS): RedirectChain {
  const seen = new Set([withoutFragment(start)]);
  let current = start;
  let redirects = 0;
  let allPermanent = true;

  return {
    get current() {
      return current;
    },
    follow(status, location) {
      if (!location) throw new FetchFailure("http", `HTTP ${status} redirect without a Location header`, status);
      let target: URL;
      try {
        target = new URL(location, current);
      } catch {
        throw new FetchFailure("http", `HTTP ${status} redirect to an invalid URL`, status);
      }
      const checked = parseFetchableUrl(target.href);
      if (checked.status === "invalid") throw new FetchFailure("invalid-url", `redirected to a URL that cannot be fetched: ${checked.message}`, status);
      redirects += 1;
      const key = withoutFragment(target);
      if (seen.has(key)) {
        throw new FetchFailure("too-many-redirects", `redirect loop after ${plural(redirects, "redirect")}: ${key} was already visited`, status);
      }
      if (redirects > maxRedirects) {
        throw new FetchFailure("too-many-redirects", `too many redirects: gave up after ${plural(maxRedirects, "redirect")}`, status);
      }
      seen.add(key);
      allPermanent &&= PERMANENT_STATUSES.has(status);
      current = target;
      return target;
    },
    permanentTarget() {
      return redirects > 0 && allPermanent ? current.href : null;
    },
  };
}

function withoutFragment(url: URL): string {
  const copy = new URL(url);
  copy.hash = "";
  return copy.href;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
