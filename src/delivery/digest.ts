/** One headline in a digest. */
export interface DigestHeadline {
  storyId: number;
  title: string;
  url: string;
  source: string;
  publishedAt: Date;
  breaking: boolean;
  /** Other outlets that carried the same story. */
  otherSources: number;
}

export interface DigestSection {
  /** Topic slug or quoted query, as the chat follows it. */
  topic: string;
  headlines: DigestHeadline[];
}

/** The platform-neutral content of one digest message; each platform has a renderer for it. */
export interface Digest {
  /** "scheduled": the chat's digest time; "quiet-hours": what was held back while the chat was quiet. */
  reason: "scheduled" | "quiet-hours";
  /** Distinct stories the digest covers, shown or not. */
  total: number;
  /** At most ten headlines in all, grouped by topic, best first. */
  sections: DigestSection[];
  /** Stories left out for lack of room. */
  more: number;
  /** IANA zone the chat reads times in. */
  timezone: string;
}
