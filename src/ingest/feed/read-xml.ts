import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import type { XmlElement } from "./xml-element.js";
import { unterminatedSection } from "./unterminated-section.js";
import { holdsValue } from "./value-elements.js";
import { roleOfPrefix, roleOfUri, type NamespaceRole } from "./xml-namespaces.js";

// Builds the element tree of a feed from htmlparser2's XML tokenizer. We drive the tokenizer
// rather than htmlparser2's Parser because the Parser silently drops an end tag that closes
// nothing and reports self-closed and force-closed elements alike: exactly the faults a feed
// must be told about. The tokenizer only reports positions, so values stay in the source until
// a mapper asks for one (see xml-element.ts), and entities are left to xml-text.ts.

export interface XmlReadResult {
  root: XmlElement | null;
  /** What was wrong with the document, first fault first (empty when well-formed; the first few only). */
  faults: string[];
  /** How many faults there were in all. */
  faultCount: number;
  /** When the body ended with elements still open: the innermost one, for messages ("<title> (line 3)"). */
  unclosed: string | null;
}

interface Scope {
  defaultRole: NamespaceRole;
  prefixes: Map<string, NamespaceRole> | null;
}

interface Open {
  el: XmlElement;
  /** Lower-cased qualified name, to match end tags case-insensitively as feeds need. */
  key: string;
  scope: Scope;
}

const NO_SCOPE: Scope = { defaultRole: "", prefixes: null };
const MAX_FAULTS = 20;

class TreeBuilder implements TokenizerCallbacks {
  root: XmlElement | null = null;
  faults: string[] = [];
  faultCount = 0;
  private readonly stack: Open[] = [];
  /** How many elements of each name are open: a stray end tag costs a lookup, not a stack walk. */
  private readonly openCount = new Map<string, number>();
  private rootDone = false;
  /** Where the last tag ended: a comment or CDATA left open starts after it. */
  private lastTagEnd = 0;
  /** Set while inside a value element: its depth in `stack` and how often its own name reopened. */
  private valueAt = -1;
  private valueNesting = 0;
  private tagName = "";
  private attrNames: string[] = [];
  private attrValues: string[] = [];
  private attrName = "";
  private valueStart = -1;
  private valueEnd = -1;

  constructor(
    private readonly source: string,
    /** The vocabulary of the document itself (rss for RSS 1.0, atom for Atom): read as role "". */
    private readonly nativeRole: NamespaceRole,
  ) {}

  onopentagname(start: number, end: number): void {
    this.tagName = this.source.slice(start, end);
    if (this.attrNames.length !== 0) {
      this.attrNames.length = 0;
      this.attrValues.length = 0;
    }
  }

  onattribname(start: number, end: number): void {
    this.attrName = this.source.slice(start, end);
    this.valueStart = -1;
  }

  onattribdata(start: number, end: number): void {
    if (this.valueStart === -1) this.valueStart = start;
    this.valueEnd = end;
  }

  onattribend(): void {
    this.attrNames.push(this.attrName.toLowerCase());
    this.attrValues.push(this.valueStart === -1 ? "" : this.source.slice(this.valueStart, this.valueEnd));
  }

  onopentagend(end: number): void {
    this.open(end, false);
  }

  onselfclosingtag(end: number): void {
    this.open(end, true);
  }

  onclosetag(start: number, end: number): void {
    this.lastTagEnd = end;
    this.close(this.source.slice(start, end), this.source.lastIndexOf("<", start));
  }

  // Text, CDATA, comments and declarations are read from the source spans later.
  ontext(): void {}
  ontextentity(): void {}
  onattribentity(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private open(tagEnd: number, selfClosing: boolean): void {
    this.lastTagEnd = tagEnd + 1;
    const key = this.tagName.toLowerCase();
    if (this.valueAt !== -1) {
      if (!selfClosing && key === this.stack[this.valueAt]!.key) this.valueNesting++;
      return;
    }
    if (this.rootDone) return; // anything after the root element is not part of the feed
    const parent = this.stack[this.stack.length - 1];
    const scope = this.declare(parent?.scope ?? NO_SCOPE);
    const colon = key.indexOf(":");
    const role = this.native(colon === -1 ? scope.defaultRole : this.prefixRole(scope, key.slice(0, colon)));
    const el: XmlElement = {
      role,
      name: colon === -1 ? key : key.slice(colon + 1),
      qname: this.tagName,
      attrs: this.attributes(scope),
      children: [],
      source: this.source,
      start: tagEnd + 1,
      end: tagEnd + 1,
      closed: selfClosing,
    };
    if (parent === undefined) this.root = el;
    else parent.el.children.push(el);
    if (selfClosing) {
      if (parent === undefined) this.rootDone = true;
      return;
    }
    this.stack.push({ el, key, scope });
    this.openCount.set(key, (this.openCount.get(key) ?? 0) + 1);
    if (holdsValue(role, el.name)) {
      this.valueAt = this.stack.length - 1;
      this.valueNesting = 0;
    }
  }

  private close(qname: string, lt: number): void {
    const key = qname.toLowerCase();
    if (this.valueAt !== -1) {
      const value = this.stack[this.valueAt]!;
      if (key === value.key) {
        if (this.valueNesting > 0) {
          this.valueNesting--;
          return;
        }
      } else if (this.depthOf(key, this.valueAt - 1) === -1) {
        return; // markup inside the value
      }
      this.valueAt = -1;
    }
    if (this.rootDone) return;
    const at = this.depthOf(key, this.stack.length - 1);
    const top = this.stack[this.stack.length - 1];
    if (at === -1) {
      this.fault(`</${qname}> does not close ${top === undefined ? "any element" : `<${top.el.qname}>`}`, lt);
      return;
    }
    if (top !== undefined && at !== this.stack.length - 1) this.fault(`</${qname}> does not close <${top.el.qname}>`, lt);
    while (this.stack.length > at) {
      const { el, key: closing } = this.stack.pop()!;
      this.openCount.set(closing, this.openCount.get(closing)! - 1);
      el.end = lt;
      el.closed = true;
    }
    if (this.stack.length === 0) this.rootDone = true;
  }

  /** The body ended: whatever is still open ends at the cut, minus a tag cut in half. */
  finish(): string | null {
    if (this.stack.length === 0) return null;
    const innermost = this.stack[this.stack.length - 1]!.el;
    const unclosed = `<${innermost.qname}> (line ${lineAt(this.source, innermost.start)})`;
    let cut = this.source.length;
    const lt = this.source.lastIndexOf("<");
    if (lt > this.source.lastIndexOf(">")) cut = lt;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const { el } = this.stack[k]!;
      el.end = Math.max(el.start, cut);
      // An item cut before its title ended has nothing trustworthy: drop it.
      if ((el.name === "item" || el.name === "entry") && !el.children.some((c) => c.name === "title" && c.closed) && k > 0) {
        const siblings = this.stack[k - 1]!.el.children;
        siblings.splice(siblings.indexOf(el), 1);
      }
    }
    return unclosed;
  }

  /**
   * A body whose end tags were swallowed by a CDATA section or comment that never ends, mended:
   * the section is ended just before the end tag of the element it was in. Null when there is
   * nothing to mend (all closed, or a body cut inside the section).
   */
  mendUnterminated(): { source: string; fault: string } | null {
    const inner = this.stack[this.stack.length - 1];
    if (inner === undefined) return null;
    const opened = unterminatedSection(this.source, this.lastTagEnd);
    if (opened === null) return null;
    const lower = this.source.toLowerCase();
    const endTag = `</${inner.key}`;
    for (let at = lower.indexOf(endTag, opened.at); at !== -1; at = lower.indexOf(endTag, at + 1)) {
      const next = lower.charCodeAt(at + endTag.length);
      if (next !== 62 /* > */ && !/\s/.test(lower.charAt(at + endTag.length))) continue;
      return {
        source: `${this.source.slice(0, at)}${opened.closer}${this.source.slice(at)}`,
        fault: `${opened.opener} in <${inner.el.qname}> (line ${lineAt(this.source, opened.at)}) is never closed`,
      };
    }
    return null;
  }

  /** A scope with this tag's xmlns declarations, or the parent's when it declares nothing. */
  private declare(parent: Scope): Scope {
    let scope = parent;
    for (let k = 0; k < this.attrNames.length; k++) {
      const name = this.attrNames[k]!;
      if (!name.startsWith("xmlns")) continue;
      if (scope === parent) scope = { defaultRole: parent.defaultRole, prefixes: parent.prefixes };
      const uri = this.attrValues[k]!;
      if (name === "xmlns") {
        // An unknown default namespace still reads as the feed's own elements: some generators
        // put RSS 2.0 under made-up URIs.
        scope.defaultRole = this.native(roleOfUri(uri) ?? this.nativeRole);
      } else if (name.charCodeAt(5) === 58 /* : */) {
        if (scope.prefixes === parent.prefixes) scope.prefixes = new Map(parent.prefixes ?? []);
        scope.prefixes!.set(name.slice(6), roleOfPrefix(name.slice(6), uri));
      }
    }
    return scope;
  }

  private prefixRole(scope: Scope, prefix: string): NamespaceRole {
    return scope.prefixes?.get(prefix) ?? roleOfPrefix(prefix, undefined);
  }

  private native(role: NamespaceRole): NamespaceRole {
    return role === this.nativeRole ? "" : role;
  }

  private attributes(scope: Scope): Record<string, string> | null {
    let attrs: Record<string, string> | null = null;
    for (let k = 0; k < this.attrNames.length; k++) {
      const name = this.attrNames[k]!;
      if (name.startsWith("xmlns")) continue;
      const colon = name.indexOf(":");
      const role = colon === -1 ? "" : this.native(this.prefixRole(scope, name.slice(0, colon)));
      const key = role === "" ? name.slice(colon + 1) : `${role}:${name.slice(colon + 1)}`;
      attrs ??= {};
      if (!(key in attrs)) attrs[key] = this.attrValues[k]!;
    }
    return attrs;
  }

  private depthOf(key: string, from: number): number {
    if (!this.openCount.get(key)) return -1;
    for (let k = from; k >= 0; k--) if (this.stack[k]!.key === key) return k;
    return -1;
  }

  private fault(what: string, at: number): void {
    this.faultCount++;
    if (this.faults.length < MAX_FAULTS) this.faults.push(`${what} (line ${lineAt(this.source, at)})`);
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Mending stops after this many unterminated sections: past that the body is noise. */
const MAX_MENDS = 5;

/** Reads `source` (the root element onwards, no prolog) into a tree; never throws. */
export function readXml(source: string, nativeRole: NamespaceRole): XmlReadResult {
  const mended: string[] = [];
  for (let text = source; ; ) {
    const builder = new TreeBuilder(text, nativeRole);
    const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, builder);
    tokenizer.write(text);
    tokenizer.end();
    const mend = mended.length < MAX_MENDS ? builder.mendUnterminated() : null;
    if (mend !== null) {
      mended.push(mend.fault);
      text = mend.source;
      continue;
    }
    const unclosed = builder.finish();
    const faults = [...mended, ...builder.faults].slice(0, MAX_FAULTS);
    return { root: builder.root, faults, faultCount: mended.length + builder.faultCount, unclosed };
  }
}
