import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one process; a registry per instance so tests can run several. */
export interface Metrics {
  registry: Registry;
  storiesIngested: Counter<"source_kind">;
  deliveries: Counter<"platform" | "outcome">;
  sendLatency: Histogram<"platform">;
  deliveriesByStatus: Gauge<"status">;
}

export function createMetrics(collectDeliveryCounts: () => Promise<Record<string, number>>): Metrics {
  const registry = new Registry();
  const storiesIngested = new Counter({ name: "newsflash_stories_ingested_total", help: "New stories stored", labelNames: ["source_kind"], registers: [registry] });
  const deliveries = new Counter({ name: "newsflash_deliveries_total", help: "Delivery attempts by outcome", labelNames: ["platform", "outcome"], registers: [registry] });
  const sendLatency = new Histogram({
    name: "newsflash_send_latency_seconds",
    help: "From a story's publication to the platform accepting its alert",
    labelNames: ["platform"],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 1800],
    registers: [registry],
  });
  const deliveriesByStatus = new Gauge({
    name: "newsflash_deliveries",
    help: "Outbox rows by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const counts = await collectDeliveryCounts();
      this.reset();
      for (const status of ["pending", "sending", "sent", "failed", "dropped"]) this.set({ status }, counts[status] ?? 0);
    },
  });
  return { registry, storiesIngested, deliveries, sendLatency, deliveriesByStatus };
}
