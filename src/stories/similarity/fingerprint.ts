import { eventFeatures, type FeatureKind, type StoryText } from "./event-features.js";

/**
 * What a story says about its event, as a sorted list of 32-bit words: the top 29 bits hash one
 * normalised feature, the low 3 bits tag its kind and whether the headline states it. Sorted, so
 * two fingerprints compare in one merge pass; a few hundred bytes, so the story row can keep it
 * (fingerprint-codec.ts).
 */
export interface Fingerprint {
  readonly features: Uint32Array;
  /** Derived from `features` once, since every comparison needs them. */
  readonly hasLead: boolean;
  /** Bit per weekday the story names (bit 0 Monday): wire leads date the event ("on Tuesday"). */
  readonly weekdays: number;
}

export const KIND_BITS: Readonly<Record<FeatureKind, number>> = { term: 0, name: 1, figure: 2, alias: 3 };
/** How a feature word is laid out; similarity() reads it in its hot loop without function calls. */
export const WORD_LAYOUT = { tagBits: 3, kindMask: 0b011, titleBit: 0b100 } as const;
const { tagBits: TAG_BITS, titleBit: TITLE_BIT } = WORD_LAYOUT;

const WEEKDAY_KEYS: ReadonlyMap<number, number> = new Map(
  ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day, index) => [featureKey(hashFeature(day)), index]),
);

export function storyFingerprint(story: StoryText): Fingerprint {
  const features = eventFeatures(story);
  const words = new Uint32Array(features.size);
  let at = 0;
  for (const [text, feature] of features) {
    const tag = KIND_BITS[feature.kind] | (feature.inTitle ? TITLE_BIT : 0);
    words[at++] = (((hashFeature(text) >>> TAG_BITS) << TAG_BITS) | tag) >>> 0;
  }
  // A typed array sorts numerically, without a comparison callback.
  return fingerprintOf(dropHashTwins(words.sort()));
}

/** A fingerprint around sorted, unique feature words (as storyFingerprint or the codec produce them). */
export function fingerprintOf(features: Uint32Array): Fingerprint {
  let hasLead = false;
  let weekdays = 0;
  for (const word of features) {
    hasLead ||= !inTitle(word);
    const day = WEEKDAY_KEYS.get(featureKey(word));
    if (day !== undefined) weekdays |= 1 << day;
  }
  return { features, hasLead, weekdays };
}

/** Which feature a word stands for, without its tags. */
export function featureKey(word: number): number {
  return word >>> TAG_BITS;
}

function inTitle(word: number): boolean {
  return (word & TITLE_BIT) !== 0;
}

/** FNV-1a over UTF-16 code units: stable across processes and releases, which stored fingerprints need. */
export function hashFeature(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Two features whose hashes collide count as one; the merge in similarity() needs unique keys. */
function dropHashTwins(sorted: Uint32Array): Uint32Array {
  let kept = 0;
  for (const word of sorted) {
    const last = kept > 0 ? (sorted[kept - 1] as number) : undefined;
    if (last !== undefined && featureKey(last) === featureKey(word)) sorted[kept - 1] = Math.max(last, word);
    else sorted[kept++] = word;
  }
  return kept === sorted.length ? sorted : sorted.slice(0, kept);
}
