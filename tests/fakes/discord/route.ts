// The shape every REST route of the fake has.
import type { FakeReply } from "./discord-errors.js";
import type { BucketUse } from "./rate-limits.js";
import type { PathParams } from "./route-pattern.js";
import type { JsonObject } from "./world.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRequest {
  params: PathParams;
  query: URLSearchParams;
  /** The JSON body as an object ({} when absent); `rawBody` keeps arrays such as bulk command lists. */
  body: JsonObject;
  rawBody: unknown;
  now: number;
}

export interface Route {
  method: HttpMethod;
  pattern: string;
  /** "bot" routes need `Authorization: Bot <token>` and count toward the global limit; token-in-URL routes do not. */
  auth: "bot" | "none";
  /** The rate-limit bucket when it is not simply one per route and major parameter. */
  bucket?: (params: PathParams) => BucketUse;
  handle(request: RouteRequest): FakeReply;
}

export const ok = (body: unknown): FakeReply => ({ status: 200, body });
export const noContent = (): FakeReply => ({ status: 204 });
