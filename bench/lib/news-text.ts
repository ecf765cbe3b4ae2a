/** A seeded generator of wire-style headlines and leads, shared by the benchmarks. */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const places = ["Ukraine", "Kyiv", "Gaza", "Israel", "China", "Beijing", "Germany", "Berlin", "France", "Paris", "Japan", "Tokyo", "Brazil", "India", "Nigeria", "Mexico", "Canada", "Australia", "Iran", "Turkey", "Poland", "Spain", "Italy", "Kenya", "Chile", "Egypt", "Sweden", "Texas", "California", "London"];
const actors = ["government", "central bank", "president", "prime minister", "parliament", "army", "police", "court", "regulators", "unions", "investors", "scientists", "doctors", "rescuers", "voters", "officials", "lawmakers", "prosecutors", "airline", "automaker"];
const verbs = ["approves", "rejects", "announces", "warns of", "delays", "launches", "investigates", "cuts", "raises", "suspends", "signs", "blocks", "unveils", "confirms", "denies"];
const objects = ["new budget", "interest rates", "peace talks", "climate plan", "tax reform", "election results", "trade deal", "vaccine rollout", "energy prices", "border controls", "chip exports", "rescue mission", "wildfire response", "strike action", "pension changes", "AI rules", "rail project", "oil output", "housing plan", "drought measures"];
const details = ["after weeks of talks", "amid protests", "as prices climb", "despite opposition", "in a surprise move", "ahead of the summit", "following the storm", "after the vote", "as markets slide", "in a late-night session"];
const fillers = ["Officials said the decision would take effect next month.", "Critics called the move rushed and poorly explained.", "Analysts expect further announcements later this week.", "The measure still needs approval from regional leaders.", "Markets reacted cautiously to the news.", "Hundreds of people gathered outside the building.", "The ministry did not respond to a request for comment.", "It was the third such announcement this year."];

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

export interface GeneratedStory {
  title: string;
  summary: string;
  body: string;
  category: string;
}

export function generateStory(rnd: () => number): GeneratedStory {
  const place = pick(rnd, places);
  const title = `${place} ${pick(rnd, actors)} ${pick(rnd, verbs)} ${pick(rnd, objects)} ${pick(rnd, details)}`;
  const summary = `${place.toUpperCase()} (Bench Wire) - The ${pick(rnd, actors)} ${pick(rnd, verbs)} ${pick(rnd, objects)} on ${pick(rnd, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])}, ${pick(rnd, details)}. ${pick(rnd, fillers)}`;
  const body = `${summary} ${pick(rnd, fillers)} ${pick(rnd, fillers)}`;
  return { title, summary, body, category: pick(rnd, ["World", "Politics", "Business", "Science", "Sport"]) };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
