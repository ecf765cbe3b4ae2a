/**
 * The parsed form of a topic or search query. Term nodes carry tokens already normalised like
 * documents (see normalize-text.ts) plus the text as typed, which is what users are shown.
 */

/** Where a term looks: `body` is title + summary, the default for a bare word. */
export type Field = "body" | "title" | "source" | "section" | "topic";

/** One token, anywhere in the field. */
export interface WordNode {
  type: "word";
  field: Field;
  token: string;
  text: string;
}

/** Two or more tokens, consecutive and in order. */
export interface PhraseNode {
  type: "phrase";
  field: Field;
  tokens: string[];
  text: string;
}

/** Consecutive tokens where the last one only has to start with the given token (`elect*`). */
export interface PrefixNode {
  type: "prefix";
  field: Field;
  tokens: string[];
  text: string;
}

export interface AndNode {
  type: "and";
  children: QueryNode[];
}

export interface OrNode {
  type: "or";
  children: QueryNode[];
}

/** Only ever a child of an AndNode that has a positive child: the parser guarantees it. */
export interface NotNode {
  type: "not";
  child: QueryNode;
}

export type TermNode = WordNode | PhraseNode | PrefixNode;
export type QueryNode = TermNode | AndNode | OrNode | NotNode;

/** `since:` of /search: a window back from "now", or a calendar day (UTC midnight). */
export type Since =
  | { type: "duration"; ms: number; text: string }
  | { type: "date"; date: Date; text: string };

export interface Query {
  root: QueryNode;
  since: Since | null;
}
