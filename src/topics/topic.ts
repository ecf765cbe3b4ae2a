/** A followable topic: from the shipped catalog or added with `newsflash topics add`. */
export interface Topic {
  slug: string;
  label: string;
  /** In the /search query language; tagging runs it over title, summary and categories. */
  query: string;
  builtin: boolean;
}
