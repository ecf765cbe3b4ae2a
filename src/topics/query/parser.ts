import type { Field, NotNode, Query, QueryNode, Since, TermNode } from "./ast.js";
import { lex, type LexToken } from "./lexer.js";
import { searchTokens } from "./normalize-text.js";
import { QueryError } from "./query-error.js";
import { QUERY_LIMITS } from "./query-limits.js";
import { parseSince } from "./since.js";

export interface ParseOptions {
  /** `since:` narrows a /search by time; a standing subscription has no "since". */
  allowSince?: boolean;
}

/**
 * Grammar, loosest first (OR binds tighter than AND, as in web search: `tesla recall OR lawsuit`
 * is tesla AND (recall OR lawsuit)):
 *   query    := sequence
 *   sequence := either ([AND] either)*
 *   either   := unary ((OR | "|") unary)*
 *   unary    := (NOT | "-") unary | primary
 *   primary  := word | "phrase" | prefix* | "(" sequence ")" | field: primary | since:value
 * Every NOT must sit in an AND beside something positive, because neither FTS5 nor a percolator
 * can run "everything except"; the parser refuses queries that would need it.
 */
export function parseQuery(query: string, options: ParseOptions = {}): Query {
  if (query.length > QUERY_LIMITS.maxChars) {
    throw new QueryError(`the query is too long (${query.length} characters)`, null, query, `keep it under ${QUERY_LIMITS.maxChars}`);
  }
  // Each word is tokenised once, though both the filter below and the parser ask.
  const known = new Map<string, string[]>();
  const tokensOf = (text: string): string[] => known.get(text) ?? known.set(text, searchTokens(text)).get(text) ?? [];
  // Words made only of punctuation ("&", "—") carry nothing to search for.
  const tokens = lex(query).filter((token) => token.type !== "word" || tokensOf(token.text).length > 0);
  if (tokens.length === 0) throw new QueryError("the query is empty", null, query, "type at least one word to look for");
  return new QueryParser(query, tokens, options.allowSince ?? false, tokensOf).parse();
}

/** What a parse step yields: a node, or a `since:` that only the top level may keep. */
type Parsed = { node: QueryNode; start: number } | { since: Since; start: number };

const SINCE_PLACEMENT_HINT = "since: applies to the whole query; put it outside parentheses, OR, NOT and filters";

class QueryParser {
  private next = 0;
  private terms = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: readonly LexToken[],
    private readonly allowSince: boolean,
    private readonly tokensOf: (text: string) => string[],
  ) {}

  parse(): Query {
    const items = this.sequence(0, "body");
    const stray = this.peek();
    if (stray) throw this.error("unmatched )", stray.start, "remove it or add a ( before it");
    const sinces = items.filter((item) => "since" in item);
    if (sinces.length > 1) throw this.error("since: given twice", sinces[1]?.start ?? null, "keep one");
    const nodes = items.flatMap((item) => ("node" in item ? [item.node] : []));
    const root = andOf(nodes);
    if (root === null && sinces.length > 0) {
      throw this.error("add at least one word to look for", null, "since: only narrows a search by time");
    }
    if (root === null || !isPositive(root)) {
      throw this.error("add at least one word to look for", null, "-word and NOT word only leave stories out");
    }
    const since = sinces[0];
    return { root, since: since && "since" in since ? since.since : null };
  }

  /** Operands up to the end or a ")", ANDed. */
  private sequence(depth: number, field: Field): Parsed[] {
    const items: Parsed[] = [];
    for (let token = this.peek(); token && token.type !== "rparen"; token = this.peek()) {
      if (token.type === "and") {
        if (items.length === 0) throw this.error("expected a word before AND", token.start);
        this.take();
        this.expectOperand("AND", token.start);
      }
      items.push(this.either(depth, field));
    }
    return items;
  }

  private either(depth: number, field: Field): Parsed {
    const first = this.unary(depth, field);
    const operands = [first];
    for (let token = this.peek(); token?.type === "or"; token = this.peek()) {
      this.take();
      this.expectOperand("OR", token.start);
      operands.push(this.unary(depth, field));
    }
    if (operands.length === 1) return first;
    const children: QueryNode[] = [];
    for (const operand of operands) {
      if ("since" in operand) throw this.error("since: can't be part of an OR", operand.start, SINCE_PLACEMENT_HINT);
      if (!isPositive(operand.node)) {
        throw this.error("one side of OR only excludes words", operand.start, "give each side a word to look for, or move the exclusion outside: (a OR b) -c");
      }
      children.push(...(operand.node.type === "or" ? operand.node.children : [operand.node]));
    }
    return { node: { type: "or", children }, start: first.start };
  }

  private unary(depth: number, field: Field): Parsed {
    const token = this.peek();
    if (token?.type !== "not" && token?.type !== "minus") return this.primary(depth, field);
    this.take();
    const operator = token.type === "not" ? "NOT" : "-";
    this.expectOperand(operator, token.start);
    const operand = this.unary(this.deeper(depth, token.start), field);
    if ("since" in operand) throw this.error(`since: can't follow ${operator}`, operand.start, SINCE_PLACEMENT_HINT);
    if (!isPositive(operand.node)) throw this.error(`${operator} can't exclude an exclusion`, token.start, "remove one of them");
    const node: NotNode = { type: "not", child: operand.node };
    return { node, start: token.start };
  }

  private primary(depth: number, field: Field): Parsed {
    const token = this.take();
    switch (token.type) {
      case "word":
        return { node: this.term(token.text, token.prefix, field, token.start), start: token.start };
      case "phrase":
        if (this.tokensOf(token.text).length === 0) {
          throw this.error("nothing to look for inside the quotes", token.start, "put words between them");
        }
        return { node: this.term(token.text.trim(), token.prefix, field, token.start), start: token.start };
      case "lparen":
        return { node: this.group(depth, field, token.start), start: token.start };
      case "field":
        return this.filter(depth, field, token);
      case "since":
        return { since: this.since(field, token.value, token.start), start: token.start };
      case "or":
      case "and":
        throw this.error(`expected a word before ${token.type.toUpperCase()}`, token.start);
      case "not":
      case "minus":
      case "rparen":
        // sequence(), either() and unary() never hand these over; kept for a total switch.
        throw this.error("unexpected symbol", token.start);
    }
  }

  private group(depth: number, field: Field, start: number): QueryNode {
    const items = this.sequence(this.deeper(depth, start), field);
    if (this.peek()?.type !== "rparen") throw this.error("unclosed (", start, "add a ) to close it");
    this.take();
    const nodes: QueryNode[] = [];
    for (const item of items) {
      if ("since" in item) throw this.error("since: can't be inside parentheses", item.start, SINCE_PLACEMENT_HINT);
      nodes.push(item.node);
    }
    const node = andOf(nodes);
    if (node === null) throw this.error("empty parentheses", start, "put words inside them or remove them");
    return node;
  }

  private filter(depth: number, outer: Field, token: Extract<LexToken, { type: "field" }>): Parsed {
    if (outer !== "body") throw this.error(`${token.field}: can't be used inside ${outer}:`, token.start, "filters don't nest");
    const operand = this.peek();
    if (operand?.type !== "word" && operand?.type !== "phrase" && operand?.type !== "lparen") {
      throw this.error(`expected a word after ${token.field}:`, token.start, `write ${token.field}:word, ${token.field}:"a phrase" or ${token.field}:(a OR b)`);
    }
    const parsed = this.primary(this.deeper(depth, token.start), token.field);
    return { ...parsed, start: token.start };
  }

  private since(field: Field, value: string, start: number): Since {
    if (!this.allowSince) throw this.error("since: is only allowed in /search", start, "subscriptions always look at new stories");
    if (field !== "body") throw this.error(`since: can't be inside ${field}:`, start, SINCE_PLACEMENT_HINT);
    const since = parseSince(value);
    if (since === null) {
      throw this.error(`“since:${value}” is not a time`, start, "use a duration like 30m, 24h or 7d, or a date like 2025-11-01");
    }
    return since;
  }

  private term(text: string, prefix: boolean, field: Field, start: number): TermNode {
    this.terms += 1;
    if (this.terms > QUERY_LIMITS.maxTerms) {
      throw this.error("too many words", start, `use at most ${QUERY_LIMITS.maxTerms}`);
    }
    const tokens = this.tokensOf(text);
    if (prefix) return { type: "prefix", field, tokens, text };
    const [only] = tokens;
    if (tokens.length === 1 && only !== undefined) return { type: "word", field, token: only, text };
    return { type: "phrase", field, tokens, text };
  }

  /** The next token must start an operand: a word, a phrase, a group, a filter or a negation. */
  private expectOperand(operator: string, start: number): void {
    const operand = this.peek();
    if (operand === undefined || operand.type === "rparen" || operand.type === "or" || operand.type === "and") {
      throw this.error(`expected a word after ${operator}`, start);
    }
  }

  private deeper(depth: number, start: number): number {
    if (depth + 1 > QUERY_LIMITS.maxDepth) {
      throw this.error("the query is nested too deeply", start, `use at most ${QUERY_LIMITS.maxDepth} levels of parentheses, filters and NOT`);
    }
    return depth + 1;
  }

  private peek(): LexToken | undefined {
    return this.tokens[this.next];
  }

  private take(): LexToken {
    const token = this.tokens[this.next];
    if (token === undefined) throw this.error("the query ended too early", this.query.length);
    this.next += 1;
    return token;
  }

  private error(reason: string, position: number | null, hint?: string): QueryError {
    return new QueryError(reason, position, this.query, hint);
  }
}

/** Nested ANDs are flattened so that `a (b -c)` is one AND with an exclusion beside `a`. */
function andOf(nodes: readonly QueryNode[]): QueryNode | null {
  const children = nodes.flatMap((node) => (node.type === "and" ? node.children : [node]));
  if (children.length <= 1) return children[0] ?? null;
  return { type: "and", children };
}

/** Whether a node needs some word to be present (so it can be looked up, not only excluded). */
export function isPositive(node: QueryNode): boolean {
  if (node.type === "not") return false;
  if (node.type === "and") return node.children.some(isPositive);
  return true;
}
