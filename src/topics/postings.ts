/**
 * The queries filed under one key, each with a gate: another key number the story must also
 * have, or -1 for none. Testing gates from this flat array first spares touching the (many,
 * scattered in memory) queries that fail theirs.
 */
export class Postings<T> {
  private readonly items: T[] = [];
  private readonly gates: number[] = [];

  add(item: T, gate: number): void {
    this.items.push(item);
    this.gates.push(gate);
  }

  remove(item: T): void {
    const at = this.items.indexOf(item);
    if (at === -1) return;
    this.items.splice(at, 1);
    this.gates.splice(at, 1);
  }

  /** Visits the items whose gate is open: `marks[gate] === current`. */
  forEachOpen(marks: Int32Array, current: number, visit: (item: T) => void): void {
    const { items, gates } = this;
    for (let i = 0; i < items.length; i += 1) {
      const gate = gates[i] as number;
      if (gate === -1 || marks[gate] === current) visit(items[i] as T);
    }
  }
}
