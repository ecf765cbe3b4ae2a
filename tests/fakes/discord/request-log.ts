// Every REST call the fake answered, and waiting for one to arrive.
export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or `payload_json` of a multipart body; undefined when there was none. */
  body: unknown;
  /** File names of a multipart upload. */
  files: string[];
  status: number;
  at: number;
}

export type RequestPredicate = (request: RecordedRequest) => boolean;

interface Waiter {
  predicate: RequestPredicate;
  resolve: (request: RecordedRequest) => void;
}

export interface RequestLog {
  readonly requests: readonly RecordedRequest[];
  record(request: RecordedRequest): void;
  waitFor(predicate: RequestPredicate, timeoutMs: number): Promise<RecordedRequest>;
}

export function describeRequest(request: RecordedRequest): string {
  return `${request.method} ${request.path} → ${request.status}`;
}

export function createRequestLog(): RequestLog {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<Waiter>();
  return {
    requests,
    record(request) {
      requests.push(request);
      for (const waiter of waiters) {
        if (waiter.predicate(request)) {
          waiters.delete(waiter);
          waiter.resolve(request);
        }
      }
    },
    waitFor(predicate, timeoutMs) {
      const already = requests.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const recent = requests.slice(-15).map(describeRequest);
          reject(
            new Error(
              `fake Discord: no matching request within ${timeoutMs} ms. ` +
                `Last ${recent.length} of ${requests.length} requests:\n  ${recent.join("\n  ") || "(none)"}`,
            ),
          );
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (request) => {
            clearTimeout(timer);
            resolve(request);
          },
        };
        waiters.add(waiter);
      });
    },
  };
}
