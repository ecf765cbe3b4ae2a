import type { FetchError, FetchErrorKind } from "./fetch-result.js";

/**
 * Thrown inside the fetcher and turned into a FetchError result once, at fetchFeed's boundary;
 * it carries everything that result needs.
 */
export class FetchFailure extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "FetchFailure";
  }

  toResult(): FetchError {
    const result: FetchError = { status: "error", kind: this.kind, message: this.message };
    if (this.httpStatus !== undefined) result.httpStatus = this.httpStatus;
    if (this.retryAfterSeconds !== undefined) result.retryAfterSeconds = this.retryAfterSeconds;
    return result;
  }
}
