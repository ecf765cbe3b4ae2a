export interface HostLimiter {
  /**
   * Runs `task` once fewer than `maxPerHost` tasks for the URL's host are running; waiting tasks
   * start in arrival order. If `signal` fires while the task is still waiting, it never starts and
   * the promise rejects with the signal's reason.
   */
  run<T>(url: URL | string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface HostQueue {
  running: number;
  waiting: Array<() => void>;
}

/**
 * One queue per host, so a slow host only ever delays its own fetches. The key is `URL.host`
 * (name and port): two ports on one name are usually two services.
 */
export function createHostLimiter(maxPerHost = 2): HostLimiter {
  if (!Number.isInteger(maxPerHost) || maxPerHost < 1) {
    throw new RangeError(`maxPerHost must be a whole number of at least 1, got ${maxPerHost}`);
  }
  const queues = new Map<string, HostQueue>();

  function queueFor(host: string): HostQueue {
    let queue = queues.get(host);
    if (!queue) {
      queue = { running: 0, waiting: [] };
      queues.set(host, queue);
    }
    return queue;
  }

  function release(host: string, queue: HostQueue): void {
    queue.running -= 1;
    const next = queue.waiting.shift();
    if (next) next();
    else if (queue.running === 0) queues.delete(host);
  }

  function acquire(host: string, queue: HostQueue, signal: AbortSignal | undefined): Promise<void> {
    if (queue.running < maxPerHost) {
      queue.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        queue.waiting.splice(queue.waiting.indexOf(start), 1);
        if (queue.running === 0 && queue.waiting.length === 0) queues.delete(host);
        reject(signal?.reason);
      };
      // Called by release() in the same tick the previous task's slot frees up.
      const start = (): void => {
        signal?.removeEventListener("abort", onAbort);
        queue.running += 1;
        resolve();
      };
      queue.waiting.push(start);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  return {
    async run(url, task, signal) {
      if (signal?.aborted) throw signal.reason;
      const host = new URL(url).host;
      const queue = queueFor(host);
      await acquire(host, queue, signal);
      try {
        return await task();
      } finally {
        release(host, queue);
      }
    },
  };
}
