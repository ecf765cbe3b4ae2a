// Checks a message body against Discord's documented limits, answering 400 the way Discord does,
// so a renderer that overflows an embed fails in tests instead of in production.
import { emptyMessage, invalidFormBody } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import type { JsonObject } from "./world.js";

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
};

type FieldErrors = Map<string, { code: string; message: string }>;

export function asObject(value: unknown): JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function asObjects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}

function length(value: unknown): number {
  return typeof value === "string" ? [...value].length : 0;
}

function tooLong(errors: FieldErrors, path: string, value: unknown, max: number): void {
  if (length(value) > max) errors.set(path, { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
}

function checkEmbed(errors: FieldErrors, embed: JsonObject, index: number): number {
  const at = `embeds.${index}`;
  const fields = asObjects(embed.fields);
  const footer = asObject(embed.footer);
  const author = asObject(embed.author);
  tooLong(errors, `${at}.title`, embed.title, LIMITS.title);
  tooLong(errors, `${at}.description`, embed.description, LIMITS.description);
  tooLong(errors, `${at}.footer.text`, footer.text, LIMITS.footer);
  tooLong(errors, `${at}.author.name`, author.name, LIMITS.authorName);
  if (fields.length > LIMITS.fields) {
    errors.set(`${at}.fields`, { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${LIMITS.fields} or fewer in length.` });
  }
  fields.forEach((field, fieldIndex) => {
    tooLong(errors, `${at}.fields.${fieldIndex}.name`, field.name, LIMITS.fieldName);
    tooLong(errors, `${at}.fields.${fieldIndex}.value`, field.value, LIMITS.fieldValue);
  });
  return (
    length(embed.title) + length(embed.description) + length(footer.text) + length(author.name) +
    fields.reduce((sum, field) => sum + length(field.name) + length(field.value), 0)
  );
}

/** Discord nests form errors by path: {embeds: {0: {title: {_errors: [...]}}}}. */
function nestErrors(errors: FieldErrors): JsonObject {
  const root: JsonObject = {};
  for (const [path, error] of errors) {
    let node = root;
    for (const key of path.split(".")) node = (node[key] ??= {}) as JsonObject;
    node._errors = [error];
  }
  return root;
}

/** Returns a 400 reply when the body breaks a limit, otherwise null. `creating` also rejects empty messages. */
export function checkMessageBody(body: JsonObject, creating: boolean): FakeReply | null {
  const errors: FieldErrors = new Map();
  tooLong(errors, "content", body.content, LIMITS.content);
  const embeds = asObjects(body.embeds);
  if (embeds.length > LIMITS.embeds) {
    errors.set("embeds", { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${LIMITS.embeds} or fewer in length.` });
  }
  const total = embeds.reduce((sum, embed, index) => sum + checkEmbed(errors, embed, index), 0);
  if (total > LIMITS.embedTotal) {
    errors.set("embeds", { code: "MAX_EMBED_SIZE_EXCEEDED", message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
  }
  if (errors.size > 0) return invalidFormBody(nestErrors(errors));

  const hasSomething =
    length(body.content) > 0 || embeds.length > 0 || asObjects(body.components).length > 0 ||
    asObjects(body.attachments).length > 0 || (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) || body.poll !== undefined;
  return creating && !hasSomething ? emptyMessage() : null;
}
