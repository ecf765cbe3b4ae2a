/** Discord's limit on a component's custom_id. */
const CUSTOM_ID_MAX = 100;
const STORED_PREFIX = "~";

/**
 * A button's custom_id carries the command line it runs ("unsubscribe #3"), so a click still
 * works after a restart. Lines too long for a custom_id (a long search query) are kept here and
 * referenced by a short key instead; those buttons expire with the process or after `capacity`
 * newer ones, and the person is asked to run the command again.
 */
export class ButtonActions {
  private readonly stored = new Map<string, string>();
  private counter = 0;

  constructor(private readonly capacity = 2000) {}

  encode(action: string): string {
    if (action.length <= CUSTOM_ID_MAX && !action.startsWith(STORED_PREFIX)) return action;
    const key = `${STORED_PREFIX}${(this.counter++).toString(36)}`;
    this.stored.set(key, action);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.stored.size > this.capacity) this.stored.delete(this.stored.keys().next().value as string);
    return key;
  }

  /** The command line behind a custom_id; undefined when it expired. */
  decode(customId: string): string | undefined {
    return customId.startsWith(STORED_PREFIX) ? this.stored.get(customId) : customId;
  }
}
