import { toHashtag } from "./hashtags.js";

/** Red for breaking news whatever the topic. */
export const BREAKING_COLOUR = 0xd32f2f;
/** Blue-grey for topics without a colour of their own. */
export const DEFAULT_COLOUR = 0x546e7a;

/** Keyed by the topic as a hashtag body (lower case, underscores), so "Middle-East" finds middle_east. */
export const TOPIC_COLOURS: Readonly<Record<string, number>> = {
  world: 0x1565c0,
  politics: 0x6a1b9a,
  business: 0x2e7d32,
  markets: 0x2e7d32,
  economy: 0x2e7d32,
  technology: 0x00838f,
  tech: 0x00838f,
  science: 0x4527a0,
  health: 0x00897b,
  climate: 0x558b2f,
  environment: 0x558b2f,
  sports: 0xef6c00,
  sport: 0xef6c00,
  culture: 0xad1457,
  entertainment: 0xad1457,
};

/** The embed colour: red when breaking, otherwise the first topic's, otherwise the default. */
export function colourFor(topics: readonly string[], breaking: boolean): number {
  if (breaking) return BREAKING_COLOUR;
  const first = topics[0] === undefined ? undefined : toHashtag(topics[0])?.slice(1);
  // hasOwn, not a plain lookup: a topic called "constructor" must not find Object.prototype's.
  return first !== undefined && Object.hasOwn(TOPIC_COLOURS, first) ? TOPIC_COLOURS[first] : DEFAULT_COLOUR;
}
