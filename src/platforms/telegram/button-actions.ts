/**
 * What a pressed button does with the command's result: "edit" replaces the message the button is
 * on (a /subscriptions list), "send" posts a new message and leaves it alone (an alert).
 */
export type OnPress = "edit" | "send";

export interface ButtonPress {
  /** A command line without the slash, e.g. "unsubscribe #3". */
  action: string;
  onPress: OnPress;
}

/** Telegram's limit on callback_data, in bytes. */
const CALLBACK_DATA_LIMIT = 64;
const prefixOf: Record<OnPress, string> = { edit: "e:", send: "s:" };

export interface ButtonActions {
  encode(press: ButtonPress): string;
  /** undefined when the data is not ours or was remembered by a process that has since restarted. */
  decode(data: string): ButtonPress | undefined;
}

/**
 * callback_data for reply buttons. Actions that fit go inline ("e:unsubscribe #3"), so buttons keep
 * working across restarts; longer ones (search queries) are remembered in memory under a short key,
 * the newest `remember` of them.
 */
export function createButtonActions(remember = 1000): ButtonActions {
  const long = new Map<string, ButtonPress>();
  let next = 0;
  return {
    encode(press) {
      const inline = prefixOf[press.onPress] + press.action;
      if (Buffer.byteLength(inline, "utf8") <= CALLBACK_DATA_LIMIT) return inline;
      const key = `k:${(next++).toString(36)}`;
      long.set(key, press);
      // Maps iterate in insertion order: the first key is the oldest.
      if (long.size > remember) long.delete(long.keys().next().value as string);
      return key;
    },
    decode(data) {
      if (data.startsWith("k:")) return long.get(data);
      if (data.startsWith(prefixOf.edit)) return { action: data.slice(2), onPress: "edit" };
      if (data.startsWith(prefixOf.send)) return { action: data.slice(2), onPress: "send" };
      return undefined;
    },
  };
}
