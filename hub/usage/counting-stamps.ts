/**
 * The times of a card's counting uses of one service (and parent, where counted per beneficiary:
 * Art. 22), in the order given, from uses already read (`UseRepo.countingHistory`).
 * `uses` are counting uses (refused and voided ones left out by the caller).
 */
export function countingStampsIn(uses: readonly { service: string; beneficiary: string; atMs: number }[], q: { service: string; beneficiary?: string }): number[] {
  return uses.filter((u) => u.service === q.service && (q.beneficiary === undefined || u.beneficiary === q.beneficiary)).map((u) => u.atMs);
}
