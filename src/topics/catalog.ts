import catalogFile from "./catalog.json" with { type: "json" };
import type { Topic } from "./topic.js";

/** The topics that ship with the project (src/topics/catalog.json). */
export const catalogTopics: readonly Topic[] = catalogFile.topics.map((t) => ({ ...t, builtin: true }));
