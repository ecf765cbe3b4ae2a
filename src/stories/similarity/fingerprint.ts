import { eventFeatures, type FeatureKind, type StoryText } from "./event-features.js";

/**
 * A story's event features as a sorted list of 32-bit words: the top 29 bits hash the feature,
 * the low 3 bits say its kind and whether the headline states it. Sorted so two fingerprints compare in one merge pass; a few hundred
 * bytes, so the store can keep it on the story row (see fingerprint-codec.ts).
 */
export interface Fingerprint {
  readonly features: Uint32Array;
}

export const KIND_BITS: Record<FeatureKind, number> = { term: 0, name: 1, figure: 2, alias: 3 };
const KIND_MASK = 0b11;
export const TITLE_BIT = 0b100;
const TAG_MASK = 0b111;

export function storyFingerprint(story: StoryText): Fingerprint {
  const words: number[] = [];
  for (const [text, { kind, inTitle }] of eventFeatures(story)) {
    words.push(((hashFeature(text) & ~TAG_MASK) | KIND_BITS[kind] | (inTitle ? TITLE_BIT : 0)) >>> 0);
  }
  words.sort((x, y) => x - y);
  return { features: Uint32Array.from(dropHashTwins(words)) };
}

/** The feature identity of one fingerprint word, without its kind. */
export function featureKey(word: number): number {
  return word >>> 3;
}

export function inTitle(word: number): boolean {
  return (word & TITLE_BIT) !== 0;
}

export function featureKindBits(word: number): number {
  return word & KIND_MASK;
}

/** Two texts whose 30-bit hashes collide count as one feature; keep the stronger kind. */
function dropHashTwins(sorted: number[]): number[] {
  const kept: number[] = [];
  for (const word of sorted) {
    const last = kept.at(-1);
    if (last !== undefined && featureKey(last) === featureKey(word)) kept[kept.length - 1] = word;
    else kept.push(word);
  }
  return kept;
}

/** FNV-1a over UTF-16 code units: stable across processes and releases, which the stored rows need. */
function hashFeature(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
