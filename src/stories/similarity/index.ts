// The near-duplicate toolkit as the rest of the pipeline sees it.
export { storyFingerprint, type Fingerprint } from "./fingerprint.js";
export { encodeFingerprint, decodeFingerprint, FINGERPRINT_VERSION } from "./fingerprint-codec.js";
export { similarity, isSameEvent, SAME_EVENT_THRESHOLD } from "./similarity.js";
export { createClusterIndex, type ClusterIndex, type IndexedStory } from "./cluster-index.js";
export type { StoryText } from "./event-features.js";
