// What a restart must not do: answer the same command twice, or re-publish an unchanged menu.
import { afterEach, describe, expect, it } from "vitest";
import { getKv } from "../../../src/db/kv-queries.js";
import { COMMANDS_VERSION_KEY } from "../../../src/platforms/telegram/command-menu.js";
import type { PlatformAdapter } from "../../../src/platforms/platform.js";
import { adapterFor, startHarness, type Harness } from "./adapter-harness.js";
import { waitUntil } from "./wait-until.js";

let h: Harness | undefined;
let second: PlatformAdapter | undefined;
afterEach(async () => {
  await second?.stop();
  await h?.close();
  h = second = undefined;
});

describe("restarting the adapter", () => {
  it("does not handle the last updates again and publishes the menu only when the commands changed", async () => {
    h = await startHarness({
      setup: (tg) => {
        tg.addUser({ id: 42, first_name: "Ada" });
        tg.addChat({ id: 42, type: "private" });
      },
    });
    const { tg, temp } = h;
    await tg.waitForPoll(5000);
    tg.userSends(42, 42, "/help");
    await waitUntil("the reply", () => tg.messages(42)[0]);
    expect(await getKv(temp.db, COMMANDS_VERSION_KEY)).toBe("test-version");
    await h.adapter.stop();

    second = adapterFor(tg, temp, h.logs);
    await second.start();
    await tg.waitForPoll(5000);
    tg.userSends(42, 42, "/topics");
    await waitUntil("the reply to /topics", () => tg.messages(42)[1]);
    expect(tg.messages(42)).toHaveLength(2);
    expect(tg.calls.filter((c) => c.method === "setMyCommands")).toHaveLength(1);
    await second.stop();

    second = adapterFor(tg, temp, h.logs, { commandsVersion: "next-version" });
    await second.start();
    await tg.waitFor((c) => c.method === "setMyCommands" && tg.calls.filter((x) => x.method === "setMyCommands").length === 2, 5000);
    await waitUntil("the new version to be stored", async () => (await getKv(temp.db, COMMANDS_VERSION_KEY)) === "next-version");
  });
});
