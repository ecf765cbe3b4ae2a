import type { NamespaceRole } from "./xml-namespaces.js";

/** Elements whose content is a value (text or escaped/unescaped HTML), never feed structure. */
const VALUE_ELEMENTS = new Set([
  "title", "link", "description", "guid", "pubdate", "category", "comments", "ttl", "summary", "content",
  "id", "published", "updated", "issued", "modified", "created", "subtitle", "tagline", "rights", "name",
  "email", "uri", "url", "language", "copyright", "generator", "lastbuilddate", "managingeditor", "webmaster", "docs",
]);
const MEDIA_VALUES = new Set(["title", "description", "keywords", "text", "credit", "copyright"]);

/**
 * Markup inside a value (a description's unescaped `<p>…<br>`) is payload: it is not checked for
 * balance, and only an end tag of the value itself or of an element around it ends the value.
 * Elements of vocabularies we do not read (iTunes, Google Play…) count as values too: nobody
 * looks inside them.
 */
export function holdsValue(role: NamespaceRole, name: string): boolean {
  switch (role) {
    case "":
    case "atom":
      return VALUE_ELEMENTS.has(name);
    case "dc":
    case "dcterms":
    case "other":
      return true;
    case "content":
      return name === "encoded";
    case "media":
      return MEDIA_VALUES.has(name);
    default:
      return false;
  }
}
