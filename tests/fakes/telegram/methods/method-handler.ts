import type { Params } from "../params.js";
import type { FakeState } from "../state.js";

export interface MethodContext {
  state: FakeState;
  /** Aborted when the client hangs up; long polls stop waiting. */
  signal: AbortSignal;
}

/** Returns the `result` of a successful call, or throws ApiFailure. */
export type MethodHandler = (params: Params, context: MethodContext) => unknown;

export type MethodTable = Record<string, MethodHandler>;
