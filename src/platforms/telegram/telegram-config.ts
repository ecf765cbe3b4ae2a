import type { Config } from "../../config.js";

/** The Telegram section of the config: present only when TELEGRAM_BOT_TOKEN is set. */
export type TelegramConfig = NonNullable<Config["telegram"]>;
