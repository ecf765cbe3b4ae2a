import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childEnv, repoRoot, runCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "newsflash-pages-"));
const env = childEnv({ DATABASE_URL: join(dir, "bot.db") });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => join(repoRoot, "tests/ingest/pages/fixtures", name);

describe("newsflash import of single article pages", () => {
  it("a saved text page: headline, section, date, link, source and a summary without dateline or caption", async () => {
    const r = await runCli(["import", fixture("storm-surge-wire.txt"), "--url", "https://harbour.example/storm-surge?utm_medium=social", "--source", "Harbour Gazette", "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ results: [{ status: "ok", kind: "text", new: 1 }] });
    const stories = JSON.parse((await runCli(["stories", "--json"], { env })).stdout) as Array<Record<string, unknown>>;
    const story = stories.find((s) => s.source === "Harbour Gazette");
    expect(story).toMatchObject({
      title: "Storm surge floods Cornish harbour town as Atlantic gale stalls",
      section: "World",
      publishedAt: "2025-11-26T10:42:00.000Z",
      url: "https://harbour.example/storm-surge?utm_medium=social",
    });
    expect(String(story?.summary)).toMatch(/^Sea water poured into the streets of the Cornish fishing town/);
    expect(String(story?.summary)).not.toMatch(/Reuters|REUTERS|sandbags/);
    expect(String(story?.summary).length).toBeLessThanOrEqual(300);
  });

  it("an HTML article page: metadata wins, the canonical link is cleaned, and a re-import is a duplicate", async () => {
    const first = await runCli(["import", fixture("meta-tags-article.html"), "--json"], { env });
    expect(JSON.parse(first.stdout)).toMatchObject({ results: [{ status: "ok", kind: "html", new: 1 }] });
    const stories = JSON.parse((await runCli(["stories", "--json"], { env })).stdout) as Array<Record<string, unknown>>;
    expect(stories.find((s) => s.source === "The Northern Ledger")).toMatchObject({
      title: "Rail strike halts trains across the north",
      section: "Transport",
      publishedAt: "2025-11-26T06:15:00.000Z",
      url: "https://www.northernledger.example/news/2025/11/rail-strike-halts-trains?id=42",
    });
    const again = await runCli(["import", fixture("meta-tags-article.html"), "--json"], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ results: [{ status: "ok", new: 0, duplicate: 1 }] });
  });

  it("a section front is refused with a reason", async () => {
    const r = await runCli(["import", fixture("section-front.html")], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/section-front\.html: error: section-front\.html: /);
  });
});
