// Decides, tag by tag, which tags of a page may reach the parser so the tree it builds stays
// within a depth, a width and a size. It tracks the open elements the way htmlparser2 (linkedom's
// parser) does: a start tag first closes the elements it implies closed (a new <li> closes an
// open <li>, a <div> closes an open <p>), an end tag closes up to the nearest open element of its
// name and is ignored when there is none. Tags beyond the limits are not written; their text is.

export interface TreeLimits {
  maxDepth: number;
  /** Element children per element: Readability's list and sibling scans grow with the cube of it. */
  maxChildren: number;
  maxElements: number;
}

export interface TreeStats {
  tooDeep: number;
  tooWide: number;
  overBudget: number;
}

interface OpenElement {
  name: string;
  written: boolean;
  children: number;
}

const VOID = new Set([
  "area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr", "image", "img", "input", "isindex",
  "keygen", "link", "meta", "param", "source", "track", "wbr",
]);

const CLOSES_P = new Set(["p"]);
const FORM_CONTROLS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const DD_DT = new Set(["dt", "dd"]);
const RT_RP = new Set(["rt", "rp"]);
const TABLE_SECTIONS = new Set(["thead", "tbody"]);

/** Open elements a start tag closes when they are on top (htmlparser2's openImpliesClose). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])], ["th", new Set(["th"])], ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])], ["li", new Set(["li"])],
  ["option", new Set(["option"])], ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DD_DT], ["dt", DD_DT], ["rt", RT_RP], ["rp", RT_RP], ["tbody", TABLE_SECTIONS], ["tfoot", TABLE_SECTIONS],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((n): [string, Set<string>] => [n, FORM_CONTROLS]),
  ...[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
  ].map((n): [string, Set<string>] => [n, CLOSES_P]),
]);

/** Elements that, opened where one of their kind is open on top, become its sibling. */
const SIBLING_KINDS = new Set(["li", "p", "tr", "td", "th", "dd", "dt", "option", "rt", "rp"]);

export class TreeBudget {
  readonly stats: TreeStats = { tooDeep: 0, tooWide: 0, overBudget: 0 };
  private readonly stack: OpenElement[] = [];
  /** Elements opened beyond the depth limit and not yet closed; their names are not kept. */
  private phantom = 0;
  private elements = 0;
  private readonly root: OpenElement = { name: "#document", written: true, children: 0 };

  constructor(private readonly limits: TreeLimits) {}

  /** Whether the start tag `<name …>` is written. */
  open(name: string): boolean {
    if (this.phantom > 0) {
      // Deeper than the limit: a sibling kind stays at the same (dropped) depth.
      if (!VOID.has(name) && !SIBLING_KINDS.has(name)) this.phantom++;
      this.stats.tooDeep++;
      return false;
    }
    const implied = IMPLIES_CLOSE.get(name);
    if (implied !== undefined) {
      while (this.stack.length > 0 && implied.has(this.stack.at(-1)!.name)) this.stack.pop();
    }
    if (!VOID.has(name) && this.stack.length >= this.limits.maxDepth) {
      this.phantom++;
      this.stats.tooDeep++;
      return false;
    }
    const written = this.admit();
    if (!VOID.has(name)) this.stack.push({ name, written, children: 0 });
    return written;
  }

  /** Whether the end tag `</name>` is written. */
  close(name: string): boolean {
    if (VOID.has(name)) return false;
    if (this.phantom > 0) {
      this.phantom--;
      return false;
    }
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.name !== name) continue;
      const element = this.stack[i]!;
      this.stack.length = i;
      return element.written;
    }
    // No open element of that name: the parser ignores it, so it is not written.
    return false;
  }

  private admit(): boolean {
    if (this.elements >= this.limits.maxElements) {
      this.stats.overBudget++;
      return false;
    }
    const parent = this.nearestWrittenAncestor();
    if (parent.children >= this.limits.maxChildren) {
      this.stats.tooWide++;
      return false;
    }
    parent.children++;
    this.elements++;
    return true;
  }

  private nearestWrittenAncestor(): OpenElement {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.written) return this.stack[i]!;
    }
    return this.root;
  }
}
