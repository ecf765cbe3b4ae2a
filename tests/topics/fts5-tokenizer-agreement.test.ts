// FTS5 re-tokenises the columns we fill. For the matcher and FTS5 to agree, every token our
// normaliser emits must come back from unicode61 unchanged: one token, same letters. This walks
// every letter, digit and mark Unicode knows (below U+30000) through both.
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { foldRun } from "../../src/topics/query/normalize-text.js";

const db = new Database(":memory:");
afterAll(() => db.close());

it("unicode61 (remove_diacritics 2) keeps every token the normaliser emits", () => {
  db.exec(`
    CREATE VIRTUAL TABLE letters USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE letter_terms USING fts5vocab(letters, 'instance');
  `);
  const insert = db.prepare("INSERT INTO letters(rowid, text) VALUES (?, ?)");
  const ours = new Map<number, string>();
  db.transaction(() => {
    for (let codePoint = 0x30; codePoint < 0x30000; codePoint += 1) {
      if (codePoint >= 0xd800 && codePoint < 0xe000) continue;
      const char = String.fromCodePoint(codePoint);
      if (!/[\p{L}\p{N}\p{M}]/u.test(char)) continue;
      // Between two ASCII letters, so a character that FTS5 treats as a separator shows up as a split.
      const tokens = foldRun(`a${char}b`).join(" ");
      ours.set(codePoint, tokens);
      insert.run(codePoint, tokens);
    }
  })();
  const theirs = new Map<number, string[]>();
  for (const row of db.prepare<[], { term: string; doc: number }>("SELECT term, doc FROM letter_terms ORDER BY doc, offset").all()) {
    const terms = theirs.get(row.doc) ?? [];
    terms.push(row.term);
    theirs.set(row.doc, terms);
  }
  const disagreements: string[] = [];
  for (const [codePoint, tokens] of ours) {
    const back = (theirs.get(codePoint) ?? []).join(" ");
    if (back !== tokens) disagreements.push(`U+${codePoint.toString(16).toUpperCase()}: ours "${tokens}", FTS5 "${back}"`);
  }
  expect(disagreements).toEqual([]);
});
