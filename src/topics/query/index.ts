// The query language's public surface: parse, explain, match in memory, compile for FTS5.
export type { AndNode, Field, NotNode, OrNode, PhraseNode, PrefixNode, Query, QueryNode, Since, TermNode, WordNode } from "./ast.js";
export { describeQuery } from "./describe-query.js";
export { toFts5, type Fts5Query } from "./fts5.js";
export { toTsquery, type PgTextQuery } from "./tsquery.js";
export { highlightTerms, snippet, type HighlightSegment } from "./highlight.js";
export { indexStory, type IndexedStory } from "./indexed-story.js";
export { matches, matchesNode } from "./matcher.js";
export { searchTokens } from "./normalize-text.js";
export { parseQuery, type ParseOptions } from "./parser.js";
export { QueryError } from "./query-error.js";
export { QUERY_LIMITS } from "./query-limits.js";
export { querySignature } from "./query-signature.js";
export { searchDocument, type SearchDocument, type SearchableFields } from "./search-document.js";
