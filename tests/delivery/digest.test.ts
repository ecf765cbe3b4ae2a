// Digests on a fake clock: /digest times in the chat's zone across Berlin's October DST change,
// the top stories grouped by topic, nothing when nothing is new, sent through the outbox.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDeliveries } from "../../src/db/delivery-queries.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";
import { chatHarness } from "./chat-rules-helpers.js";
import { addStory, follow } from "./outbox-helpers.js";

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(() => temp.cleanup());

const at = (s: string) => Date.parse(s);
const iso = (t: number) => new Date(t).toISOString().slice(0, 16) + "Z";

describe("/digest", () => {
  it("sends one digest per slot at 08:00 Berlin time across the end of DST, and nothing when nothing is new", async () => {
    const chat = chatHarness(temp.db, at("2024-10-25T20:00Z"));
    await follow(temp.db, "test", "a", "world");
    await follow(temp.db, "test", "a", "sports");
    expect(await chat.type("/digest 08:00 europe/berlin")).toMatch(/^Digest at 08:00 \(Europe\/Berlin\)\. Its 2 subscriptions collect/);

    const storiesAt: Record<string, () => Promise<void>> = {
      // Friday night: twelve stories in two topics, one carried by three outlets, one breaking.
      "2024-10-25T22:00Z": async () => {
        const big = await addStory(temp.db, { title: "Flood", topics: ["world"], sourceName: "Reuters" });
        await addStory(temp.db, { title: "Flood (AP)", topics: ["world"], sourceName: "AP", clusterId: big.clusterId });
        await addStory(temp.db, { title: "Flood (BBC)", topics: ["world"], sourceName: "BBC", clusterId: big.clusterId });
        await addStory(temp.db, { title: "Summit ends", topics: ["world"], breaking: true });
        for (let i = 0; i < 5; i++) await addStory(temp.db, { title: `World ${i}`, topics: ["world"] });
        for (let i = 0; i < 5; i++) await addStory(temp.db, { title: `Match ${i}`, topics: ["sports"] });
      },
      // Saturday evening, after the first digest.
      "2024-10-26T18:00Z": async () => {
        await addStory(temp.db, { title: "Late result", topics: ["sports"] });
      },
    };

    const sentAt: string[] = [];
    for (let t = at("2024-10-25T20:00Z"); t <= at("2024-10-28T12:00Z"); t += 5 * 60_000) {
      chat.clock.now = t;
      await storiesAt[iso(t)]?.();
      const before = chat.channel.calls.length;
      const tick = await chat.tick();
      // Digest-mode chats get no instant alerts, breaking or not.
      expect(tick.deliveries).toBe(0);
      if (chat.channel.calls.length > before) sentAt.push(iso(t));
    }
    // 08:00 CEST is 06:00Z on Saturday; 08:00 CET is 07:00Z on Sunday; Monday has nothing new.
    expect(sentAt).toEqual(["2024-10-26T06:00Z", "2024-10-27T07:00Z"]);

    const [saturday, sunday] = chat.channel.calls.map((c) => c.digest!);
    expect(saturday).toMatchObject({ reason: "scheduled", total: 12, more: 2, timezone: "Europe/Berlin" });
    expect(saturday!.sections.map((s) => s.topic)).toEqual(["world", "sports"]);
    const headlines = saturday!.sections.flatMap((s) => s.headlines);
    expect(headlines).toHaveLength(10);
    expect(headlines[0]).toMatchObject({ title: "Summit ends", breaking: true });
    expect(headlines[1]).toMatchObject({ title: "Flood", otherSources: 2 });
    expect(sunday).toMatchObject({ total: 1, more: 0, sections: [{ topic: "sports", headlines: [{ title: "Late result" }] }] });

    const rows = await listDeliveries(temp.db, {});
    expect(rows.map((d) => [d.kind, d.status])).toEqual([
      ["digest", "sent"],
      ["digest", "sent"],
    ]);
  });

  it("switches back with /digest off and answers bad times with the usage", async () => {
    const chat = chatHarness(temp.db, at("2024-10-25T20:00Z"));
    await follow(temp.db, "test", "a", "world");
    await chat.type("/digest 08:00,18:00 Europe/Berlin");
    expect(await chat.type("/digest")).toBe("This chat gets a digest at 08:00 and 18:00 (Europe/Berlin). Usage: /digest <08:00[,18:00]> [timezone], or /digest off");
    expect(await chat.type("/digest 8pm")).toBe('"8pm" is not a time like 08:00 or a list like 08:00,18:00. Usage: /digest <08:00[,18:00]> [timezone], or /digest off');
    expect(await chat.type("/digest 08:00 Mars/Olympus")).toMatch(/^"Mars\/Olympus" is not a time zone; .* Usage: \/digest/);
    expect(await chat.type("/digest off")).toBe("Digest off: 1 subscription is back to alerts as they happen.");
    await addStory(temp.db);
    expect((await chat.tick()).deliveries).toBe(1);
  });
});
