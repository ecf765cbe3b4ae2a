import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeFingerprint, encodeFingerprint, FINGERPRINT_VERSION, isSameEvent, SAME_EVENT_THRESHOLD, similarity, storyFingerprint, type StoryText,
} from "../../src/stories/similarity/index.js";
import { lightStem } from "../../src/stories/similarity/stem.js";
import { eventFeatures } from "../../src/stories/similarity/event-features.js";

const story = (title: string, summary = ""): StoryText => ({ title, summary });
const score = (a: StoryText, b: StoryText): number => similarity(storyFingerprint(a), storyFingerprint(b));
const featureNames = (text: StoryText): string[] => [...eventFeatures(text).keys()].sort();

const text = fc.string({ maxLength: 200 });
const storyText = fc.record({ title: text, summary: text });

describe("similarity", () => {
  it("is symmetric and stays within [0, 1]", () => {
    fc.assert(fc.property(storyText, storyText, (a, b) => {
      const forward = score(a, b);
      expect(forward).toBeGreaterThanOrEqual(0);
      expect(forward).toBeLessThanOrEqual(1);
      expect(score(b, a)).toBe(forward);
    }));
  });

  it("is 1 for the same story and 0 when nothing is shared", () => {
    const quake = story("Magnitude 6.1 quake strikes off northern Japan", "A magnitude 6.1 earthquake struck off Aomori on Tuesday.");
    expect(score(quake, quake)).toBe(1);
    expect(score(quake, story("Valencia lift the Copa del Rey", "Valencia beat Real Betis in Seville."))).toBe(0);
    expect(score(story(""), story(""))).toBe(0);
  });

  it("folds case, accents, possessives and inflections", () => {
    expect(featureNames(story("Protests grip São Paulo's centre"))).toEqual(featureNames(story("Protests grip Sao Paulo centre")));
    // All caps hides which words are names, but not which words are shared.
    expect(score(story("Protests grip São Paulo's centre"), story("PROTEST GRIPPING SAO PAULO CENTRE"))).toBe(1);
    expect(lightStem("evacuated")).toBe(lightStem("evacuates"));
    expect(lightStem("striking")).toBe(lightStem("strikes"));
    expect(lightStem("stopped")).toBe("stop");
    expect(lightStem("countries")).toBe("country");
  });

  it("meets synonyms, number words and demonyms", () => {
    expect(featureNames(story("Quake jolts Japanese coast, three dead"))).toEqual(featureNames(story("Earthquake hits Japan coast, 3 killed")));
  });

  it("ignores breaking-news markers and emoji", () => {
    const plain = story("Fed holds rates steady", "The Federal Reserve kept rates unchanged on Wednesday.");
    const marked = story("🚨 BREAKING: Fed holds rates steady", "The Federal Reserve kept rates unchanged on Wednesday.");
    expect(score(plain, marked)).toBe(1);
  });

  it("matches an acronym with the name written out", () => {
    const spelled = story("European Central Bank lowers rates again", "Policymakers in Frankfurt cut the deposit rate to 3.25% on Thursday.");
    const short = story("ECB cuts rates to 3.25%", "The ECB lowered its deposit rate on Thursday.");
    expect(featureNames(spelled)).toContain("ecb");
    expect(isSameEvent(storyFingerprint(spelled), storyFingerprint(short))).toBe(true);
  });

  it("does not hold a missing lead against a headline-only item", () => {
    const headlineOnly = story("Nikkei falls 5% as yen surge hits exporters");
    const full = story("Nikkei tumbles 5% as strong yen weighs", "Japan's Nikkei share average slumped 5% on Friday, hitting exporters as the yen strengthened sharply.");
    expect(score(headlineOnly, full)).toBeGreaterThanOrEqual(SAME_EVENT_THRESHOLD);
  });

  it("tells apart two events written from the same template", () => {
    const zoomcart = story("Zoomcart soars 40% in Nasdaq debut", "Shares of Zoomcart opened at $29 on Thursday, 40% above their IPO price.");
    const tallypay = story("Tallypay falls 12% in Nasdaq debut", "Shares of Tallypay opened at $15 on Thursday, 12% below their IPO price.");
    expect(isSameEvent(storyFingerprint(zoomcart), storyFingerprint(tallypay))).toBe(false);
  });

  it("treats a new casualty count as an update of the same event", () => {
    const first = story("Floods kill at least 12 in southern Brazil", "Floods and landslides in Rio Grande do Sul killed at least 12 people, officials said on Sunday.");
    const update = story("Death toll from Brazil floods rises to 17", "The death toll from floods and landslides in Rio Grande do Sul rose to 17 on Monday.");
    expect(isSameEvent(storyFingerprint(first), storyFingerprint(update))).toBe(true);
  });
});

describe("fingerprint encoding", () => {
  const quake = storyFingerprint(story("Magnitude 6.1 quake strikes off northern Japan", "A magnitude 6.1 earthquake struck off Aomori on Tuesday, the Japan Meteorological Agency said."));

  it("round-trips and stays small enough for a story row", () => {
    const encoded = encodeFingerprint(quake);
    expect(encoded.startsWith(`fp${FINGERPRINT_VERSION}:`)).toBe(true);
    expect(encoded.length).toBeLessThan(400);
    expect(decodeFingerprint(encoded)).toEqual(quake);
    fc.assert(fc.property(storyText, (anyStory) => {
      const fingerprint = storyFingerprint(anyStory);
      expect(decodeFingerprint(encodeFingerprint(fingerprint))).toEqual(fingerprint);
    }));
  });

  it("returns null for other versions and for text it did not write", () => {
    const body = encodeFingerprint(quake).split(":")[1]!;
    expect(decodeFingerprint(`fp0:${body}`)).toBeNull();
    expect(decodeFingerprint("not a fingerprint")).toBeNull();
    expect(decodeFingerprint(`fp${FINGERPRINT_VERSION}:abc`)).toBeNull();
    expect(decodeFingerprint(`fp${FINGERPRINT_VERSION}:!!!!`)).toBeNull();
    const unsorted = Buffer.alloc(8);
    unsorted.writeUInt32LE(0xf0000000, 0);
    unsorted.writeUInt32LE(0x10000000, 4);
    expect(decodeFingerprint(`fp${FINGERPRINT_VERSION}:${unsorted.toString("base64url")}`)).toBeNull();
    expect(decodeFingerprint(`fp${FINGERPRINT_VERSION}:`)).toEqual({ features: new Uint32Array(0), hasLead: false, weekdays: 0 });
  });
});
