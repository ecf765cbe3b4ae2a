// One Bot API call from arrival to answer: token check, method lookup, planned faults, the
// handler, then the call log and counters. Handlers only return results or throw ApiFailure.
import type { CallLog } from "./call-log.js";
import type { FaultPlan } from "./faults.js";
import type { IncomingCall, Reply } from "./http-server.js";
import type { MethodTable } from "./methods/method-handler.js";
import type { FakeState } from "./state.js";
import { ApiFailure, errorResponse, okResponse, telegramErrors, type ApiResponse } from "./telegram-errors.js";

export function createDispatcher(state: FakeState, log: CallLog, faults: FaultPlan, methods: MethodTable) {
  // The Bot API matches method names case-insensitively.
  const handlers = new Map(Object.entries(methods).map(([name, handler]) => [name.toLowerCase(), handler]));

  return async function dispatch({ token, method, params, signal }: IncomingCall): Promise<Reply> {
    const at = state.clock();
    const finish = (response: ApiResponse): Reply => {
      state.stats.calls++;
      if (!response.ok) {
        state.stats.failed++;
        if (response.error_code === 429) state.stats.tooManyRequests++;
      }
      log.record({ method, payload: params, at, response });
      return { kind: "json", status: response.ok ? 200 : response.error_code, body: response };
    };

    if (token !== state.token) return finish(errorResponse(telegramErrors.unauthorized()));
    const handler = handlers.get(method.toLowerCase());
    if (!handler) return finish(errorResponse(telegramErrors.notFound()));

    const fault = faults.take(method, params);
    if (fault !== undefined) {
      state.stats.faultsInjected++;
      if (typeof fault !== "string") return finish(errorResponse(fault));
      state.stats.calls++;
      log.record({ method, payload: params, at, response: null, fault });
      return { kind: fault };
    }

    try {
      return finish(okResponse(await handler(params, { state, signal })));
    } catch (error) {
      if (error instanceof ApiFailure) return finish(errorResponse(error.error));
      // A bug in the fake itself: say so loudly rather than pass it off as a Telegram answer.
      console.error(`fake Telegram: ${method} handler crashed`, error);
      return finish(errorResponse({ error_code: 500, description: `Internal Server Error: fake ${method} crashed: ${String(error)}` }));
    }
  };
}
