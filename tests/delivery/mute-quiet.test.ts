// /mute, /unmute and /quiet on a fake clock: what is skipped, held back and summed up later.
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

describe("/mute and /unmute", () => {
  it("skips alerts for the duration, drops ones already queued, and resumes after it", async () => {
    const chat = chatHarness(temp.db, at("2024-11-26T12:00Z"));
    await follow(temp.db, "test", "a");
    await addStory(temp.db, { title: "first" });
    await chat.tick();
    // Queued but not yet sent when the mute comes in.
    await addStory(temp.db, { title: "queued" });
    expect(await chat.type("/mute 2h")).toBe("Muted until 14:00 UTC. Alerts in the meantime are skipped; digests still collect. /unmute ends it early.");
    expect((await listDeliveries(temp.db, {})).map((d) => d.status)).toEqual(["sent"]);
    await chat.tick();

    chat.clock.now = at("2024-11-26T13:59Z");
    await addStory(temp.db, { title: "during" });
    expect((await chat.tick()).deliveries).toBe(0);
    chat.clock.now = at("2024-11-26T14:00Z");
    await addStory(temp.db, { title: "after" });
    expect((await chat.tick()).deliveries).toBe(1);
    expect(chat.channel.calls.map((c) => c.alert?.title)).toEqual(["first", "after"]);
  });

  it("mutes until a time on the chat's clock, and /unmute ends it early", async () => {
    const chat = chatHarness(temp.db, at("2024-10-26T20:00Z"));
    await follow(temp.db, "test", "a", "world", "instant", "Europe/Berlin");
    expect(await chat.type("/mute until 07:00")).toMatch(/^Muted until 27 Oct, 07:00 CET\./);
    await addStory(temp.db);
    expect((await chat.tick()).deliveries).toBe(0);
    expect(await chat.type("/unmute")).toBe("Alerts are back on in this chat.");
    expect(await chat.type("/unmute")).toBe("This chat is not muted.");
    await addStory(temp.db);
    expect((await chat.tick()).deliveries).toBe(1);
  });

  it("answers bad arguments with one line and the usage", async () => {
    const chat = chatHarness(temp.db, at("2024-10-26T20:00Z"));
    expect(await chat.type("/mute")).toBe("missing duration. Usage: /mute <30m|2h|1d|until 07:00>");
    expect(await chat.type("/mute soon")).toBe('"soon" is not a duration. Usage: /mute <30m|2h|1d|until 07:00>');
    expect(await chat.type("/mute 90d")).toBe("At most 30 days at a time. Usage: /mute <30m|2h|1d|until 07:00>");
  });

  it("lets digests keep collecting during a mute and sends the missed one when it ends", async () => {
    const chat = chatHarness(temp.db, at("2024-11-26T05:00Z"));
    await follow(temp.db, "test", "a");
    await chat.type("/digest 08:00 UTC");
    await addStory(temp.db);
    await chat.tick();
    await chat.type("/mute 4h");
    chat.clock.now = at("2024-11-26T08:00Z");
    expect((await chat.tick()).digests).toBe(0);
    chat.clock.now = at("2024-11-26T09:00Z");
    expect((await chat.tick()).digests).toBe(1);
    expect(chat.channel.calls.map((c) => c.op)).toEqual(["digest"]);
  });
});

describe("/quiet", () => {
  it("holds stories back during quiet hours and sums them up when the hours end", async () => {
    const chat = chatHarness(temp.db, at("2024-10-26T20:00Z"));
    await follow(temp.db, "test", "a");
    expect(await chat.type("/quiet 23:00-07:00 Europe/Berlin")).toBe(
      "Quiet hours 23:00–07:00 (Europe/Berlin): stories in that time arrive as one summary at 07:00. Breaking news waits too (add breaking:on to let it through).",
    );
    await addStory(temp.db, { title: "evening" });
    expect((await chat.tick()).deliveries).toBe(1);

    chat.clock.now = at("2024-10-26T21:30Z"); // 23:30 CEST
    await addStory(temp.db, { title: "night" });
    await addStory(temp.db, { title: "night, breaking", breaking: true });
    const night = await chat.tick();
    expect(night).toMatchObject({ deliveries: 0, digestItems: 2 });

    // Clocks go back at 03:00: 07:00 CET is 06:00Z.
    chat.clock.now = at("2024-10-27T05:55Z");
    expect((await chat.tick()).digests).toBe(0);
    chat.clock.now = at("2024-10-27T06:00Z");
    expect((await chat.tick()).digests).toBe(1);
    const summary = chat.channel.calls.at(-1)!;
    expect(summary.op).toBe("digest");
    expect(summary.digest).toMatchObject({ reason: "quiet-hours", total: 2 });
    expect(summary.digest!.sections[0]!.headlines.map((h) => h.title)).toEqual(["night, breaking", "night"]);
  });

  it("lets breaking news through with breaking:on", async () => {
    const chat = chatHarness(temp.db, at("2024-10-26T21:30Z"));
    await follow(temp.db, "test", "a");
    expect(await chat.type("/quiet 23:00-07:00 Europe/Berlin breaking:on")).toMatch(/Breaking news still comes through at once\.$/);
    await addStory(temp.db, { title: "breaking", breaking: true });
    await addStory(temp.db, { title: "ordinary" });
    expect(await chat.tick()).toMatchObject({ deliveries: 1, digestItems: 1 });
    expect(chat.channel.calls.map((c) => c.alert?.title)).toEqual(["breaking"]);
  });

  it("sends quiet-hour stories with the next digest when the chat has digest times", async () => {
    const chat = chatHarness(temp.db, at("2024-11-26T22:30Z"));
    await follow(temp.db, "test", "a", "world", "breaking");
    await follow(temp.db, "test", "a", "sports");
    await chat.type("/digest 09:00 UTC");
    expect(await chat.type("/quiet 22:00-06:00")).toMatch(/stories in that time go into your next digest\./);
    await addStory(temp.db, { topics: ["world"], breaking: true });
    await chat.tick();
    chat.clock.now = at("2024-11-27T06:00Z");
    expect((await chat.tick()).digests).toBe(0);
    chat.clock.now = at("2024-11-27T09:00Z");
    expect((await chat.tick()).digests).toBe(1);
  });

  it("shows, switches off and refuses bad ranges with the usage", async () => {
    const chat = chatHarness(temp.db, at("2024-10-26T20:00Z"));
    expect(await chat.type("/quiet")).toBe("No quiet hours are set. Usage: /quiet <23:00-07:00> [timezone] [breaking:on|off], or /quiet off");
    expect(await chat.type("/quiet 25:00-07:00")).toBe('"25:00-07:00" is not a from-to time range. Usage: /quiet <23:00-07:00> [timezone] [breaking:on|off], or /quiet off');
    expect(await chat.type("/quiet 23:00-07:00 breaking:maybe")).toMatch(/^breaking must be on or off, not "maybe"\. Usage:/);
    await chat.type("/quiet 23:00-07:00");
    expect(await chat.type("/quiet")).toBe("Quiet hours are 23:00–07:00. Usage: /quiet <23:00-07:00> [timezone] [breaking:on|off], or /quiet off");
    expect(await chat.type("/quiet off")).toBe("Quiet hours are off: alerts come as they happen.");
  });
});
