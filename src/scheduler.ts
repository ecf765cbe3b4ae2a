import cron from "node-cron";
import type { Logger } from "./logger.js";

/** One recurring job: what runs is passed in; this file only says when. */
export interface ScheduledJob {
  name: string;
  /** node-cron expression, in the server's zone (jobs that care about a chat's zone decide inside). */
  cron: string;
  run: () => Promise<unknown>;
}

/** When each of the bot's recurring jobs runs. */
export const schedules = {
  // Every minute: each chat's digest times are checked in its own zone (src/stories/digest-runner.ts).
  digests: "* * * * *",
  // Every minute: sources whose own interval (1 min .. 1 day, with backoff) has come are fetched.
  poll: "* * * * *",
  // Daily, at a quiet minute: stories older than RETENTION_DAYS go, with their deliveries.
  retention: "17 3 * * *",
} as const;

export interface RunningSchedules {
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/** Starts the jobs with node-cron; a run still going when its next time comes is skipped, not doubled. */
export function startSchedules(jobs: readonly ScheduledJob[], logger: Logger): RunningSchedules {
  const inProgress = new Set<Promise<unknown>>();
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        const run = job.run().catch((error: unknown) => logger.error({ err: error, job: job.name }, "scheduled job failed; it runs again at its next time"));
        inProgress.add(run);
        try {
          await run;
        } finally {
          inProgress.delete(run);
        }
      },
      { name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.destroy();
      await Promise.all(inProgress);
    },
  };
}
