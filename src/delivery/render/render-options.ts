export interface RenderOptions {
  /** Decides whether the publication time is "today"; defaults to the current time. */
  now?: Date;
}
