import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { InvalidRequestBudget } from "../../../src/platforms/discord/invalid-requests.js";

describe("InvalidRequestBudget", () => {
  it("warns once a minute past half of Discord's 10,000 invalid requests in 10 minutes", () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    let now = 1_000_000;
    const budget = new InvalidRequestBudget(logger, () => now);

    for (let i = 0; i < 5000; i++) budget.record();
    expect(lines).toHaveLength(0);
    expect(budget.describe()).toBe("invalid requests in the last 10 min: 5000 of 10000");

    budget.record();
    budget.record();
    expect(budget.aboveHalf).toBe(true);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ invalidRequests: 5001, limit: 10000 });

    now += 60_000;
    budget.record();
    expect(lines).toHaveLength(2);

    now += 11 * 60_000;
    expect(budget.aboveHalf).toBe(false);
  });
});
