import { featureKey, fingerprintOf, type Fingerprint } from "./fingerprint.js";

/**
 * Bump when tokenising, the lexicon or the hash changes: features of older fingerprints no longer
 * line up with new ones, so their stories must be fingerprinted again.
 */
export const FINGERPRINT_VERSION = 1;

const PREFIX = `fp${FINGERPRINT_VERSION}:`;

/** A compact text form for a TEXT column: "fp1:" and the little-endian words in base64url. */
export function encodeFingerprint(fingerprint: Fingerprint): string {
  const bytes = Buffer.alloc(fingerprint.features.length * 4);
  fingerprint.features.forEach((word, index) => bytes.writeUInt32LE(word, index * 4));
  return PREFIX + bytes.toString("base64url");
}

/**
 * The fingerprint stored by encodeFingerprint, or null when the text is from another version or is
 * not a fingerprint at all: then compute it again with storyFingerprint(story).
 */
export function decodeFingerprint(encoded: string): Fingerprint | null {
  if (!encoded.startsWith(PREFIX)) return null;
  const body = encoded.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return null;
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length % 4 !== 0) return null;
  const features = new Uint32Array(bytes.length / 4);
  for (let index = 0; index < features.length; index += 1) {
    features[index] = bytes.readUInt32LE(index * 4);
    // similarity() merges sorted lists with unique keys; anything else was not written by us.
    if (index > 0 && featureKey(features[index]!) <= featureKey(features[index - 1]!)) return null;
  }
  return fingerprintOf(features);
}
