/** Companion relations of Art. 18–20 (DESIGN.md §2); the ids are part of the contract. */
export const RELATIONS = ['spouse', 'child', 'parent', 'spouse_parent', 'escort'] as const;

/** One companion relation. */
export type Relation = (typeof RELATIONS)[number];

/** Companions entered at the counter: how many of each relation come along. */
export type Companions = Partial<Record<Relation, number>>;

/** True when the string names a companion relation. */
export function isRelation(value: string): value is Relation {
  return (RELATIONS as readonly string[]).includes(value);
}

/** Total number of people coming along with the holder. */
export function companionTotal(companions: Companions): number {
  let total = 0;
  for (const relation of RELATIONS) total += companions[relation] ?? 0;
  return total;
}
