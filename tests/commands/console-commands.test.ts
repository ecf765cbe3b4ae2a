import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chatSubscriptions } from "../../src/db/subscription-queries.js";
import { openConsoleChat } from "../helpers/console-chat.js";
import { seedStories } from "../helpers/seed-stories.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

let t: TempDatabase;
beforeEach(async () => {
  t = await createTempDatabase();
});
afterEach(async () => t.cleanup());

describe("commands through the console channel", () => {
  it("/subscribe with a catalog slug, a label in other case, and a misspelling", async () => {
    const chat = await openConsoleChat(t.db);
    expect(await chat.say("/subscribe world")).toMatch(/Subscribed: this chat now follows World \(world\)\./);
    expect(await chat.say("/subscribe Middle East")).toMatch(/now follows Middle East \(middle-east\)/);
    expect(await chat.say("/subscribe clmate")).toMatch(/There is no topic "clmate"\. Did you mean \/subscribe climate\?/);
    expect(await chat.say("/subscribe world")).toMatch(/already follows World/);
    const subs = await chatSubscriptions(t.db, { platform: "console", chatId: "me" });
    expect(subs.map((s) => s.topicSlug)).toEqual(["world", "middle-east"]);
    await chat.close();
  });

  it("/subscribe with search words makes a query subscription and previews matching stories", async () => {
    await seedStories(t.db, [
      { title: "Central bank raises interest rates again", summary: "Rates rose by a quarter point." },
      { title: "Bitcoin jumps as interest rates fall", summary: "Crypto traders cheered." },
      { title: "Football club signs striker" },
    ]);
    const chat = await openConsoleChat(t.db);
    const reply = await chat.say('/subscribe "interest rates" -bitcoin');
    expect(reply).toMatch(/Subscribed this chat to a search\./);
    expect(reply).toMatch(/Understood as: /);
    expect(reply).toMatch(/Central bank raises interest rates again/);
    expect(reply).not.toMatch(/Bitcoin jumps/);
    const subs = await chatSubscriptions(t.db, { platform: "console", chatId: "me" });
    expect(subs).toMatchObject([{ query: '"interest rates" -bitcoin', topicSlug: null }]);

    expect(await chat.say('/subscribe "unclosed')).toMatch(/as a search it does not work: unclosed quote at character 1/);
    await chat.close();
  });

  it("bad arguments get a one-line usage reply", async () => {
    const chat = await openConsoleChat(t.db);
    expect((await chat.say("/subscribe")).trim()).toBe("missing topic. Usage: /subscribe <topic or search words> [mode:instant|breaking] [channel:@name]");
    expect((await chat.say("/subscribe world mode:loud")).trim()).toMatch(/^mode must be instant or breaking, not "loud"\. Usage: /);
    expect((await chat.say("/search ukraine page:zero")).trim()).toMatch(/^page must be a whole number, not "zero"\. Usage: \/search/);
    expect((await chat.say("/unsubscribe")).trim()).toBe("missing topic. Usage: /unsubscribe <topic|all>");
    expect((await chat.say("/frobnicate")).trim()).toBe("Unknown command /frobnicate. /help lists the commands.");
    expect((await chat.say("hello")).trim()).toBe("Commands start with a slash, like /help.");
    await chat.close();
  });

  it("/unsubscribe one topic, then all; /subscriptions shows what is left", async () => {
    const chat = await openConsoleChat(t.db);
    await chat.say("/subscribe world");
    await chat.say("/subscribe sports");
    expect(await chat.say("/subscriptions")).toMatch(/world — instant[\s\S]*sports — instant/);
    expect(await chat.say("/unsubscribe sports")).toMatch(/Unsubscribed from sports\./);
    expect(await chat.say("/unsubscribe sports")).toMatch(/does not follow "sports"\. It follows: world\./);
    expect(await chat.say("/unsubscribe all")).toMatch(/Unsubscribed from all 1 subscription\./);
    expect(await chat.say("/subscriptions")).toMatch(/follows nothing yet/);
    await chat.close();
  });

  it("/search pages through results and suggests dropping a word when nothing matches", async () => {
    const base = Date.now();
    await seedStories(
      t.db,
      Array.from({ length: 7 }, (_, i) => ({ title: `Ukraine talks round ${i + 1} end without a deal`, summary: "Negotiators said the Ukraine talks in Geneva would resume.", publishedAt: new Date(base - i * 60_000) })),
    );
    const chat = await openConsoleChat(t.db);
    const first = await chat.say("/search ukraine talks");
    expect(first.match(/^\d\. /gm)).toHaveLength(5);
    expect(first).toMatch(/the \[Ukraine\] \[talks\] in Geneva/);
    expect(first).toMatch(/\[More\] → \/search ukraine talks page:2/);
    const second = await chat.say("/search ukraine talks page:2");
    expect(second.match(/^\d\. /gm)).toHaveLength(2);
    expect(second).not.toMatch(/\[More\]/);
    expect(await chat.say("/search ukraine volcano")).toMatch(/No stories match\. Try dropping a word, e\.g\. \/search ukraine/);
    expect(await chat.say("/search (ukraine")).toMatch(/Could not read that query: .*character/);
    await chat.close();
  });

  it("limits searches per user with a friendly reply", async () => {
    const chat = await openConsoleChat(t.db);
    for (let i = 0; i < 10; i++) expect(await chat.say(`/search word${i}`)).toMatch(/No stories match/);
    expect(await chat.say("/search again")).toMatch(/You are searching a lot — please wait \d+ s and try again\./);
    await chat.close();
  });

  it("/latest lists the newest stories, optionally for a topic", async () => {
    await seedStories(t.db, [
      { title: "Old world story", topics: ["world"], publishedAt: new Date(Date.now() - 3600_000) },
      { title: "New world story", topics: ["world"] },
      { title: "Sports story", topics: ["sports"] },
    ]);
    const chat = await openConsoleChat(t.db);
    const reply = await chat.say("/latest world");
    expect(reply).toMatch(/Latest on world\n1\. New world story[\s\S]*2\. Old world story/);
    expect(reply).not.toMatch(/Sports story/);
    expect(await chat.say("/topics")).toMatch(/world World — 2/);
    await chat.close();
  });
});
