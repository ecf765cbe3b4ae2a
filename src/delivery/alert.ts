/** The platform-neutral content of one alert; each renderer turns it into its platform's markup. */
export interface Alert {
  storyId: number;
  title: string;
  summary: string;
  url: string;
  source: string;
  /** Extra sources of the same cluster already known ("+2 more: AP, BBC"). */
  moreSources: string[];
  publishedAt: Date;
  /** IANA zone the subscriber reads times in. */
  timezone: string;
  topics: string[];
  breaking: boolean;
}
