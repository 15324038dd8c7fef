import { isRelation, type Companions } from '../../shared/relations.js';
import { CliError } from './cli-error.js';

/** Parses `spouse=1,parent=2` (§7): relations of §2, whole counts ≥ 0, each relation once. */
export function parseCompanions(text: string | undefined): Companions {
  const companions: Companions = {};
  if (text === undefined || text.trim() === '') return companions;
  for (const pair of text.split(',')) {
    const match = /^\s*([a-z_]+)\s*=\s*(\d{1,4})\s*$/.exec(pair);
    if (!match) throw new CliError(`--companions: cannot read "${pair}" (expected relation=count, e.g. spouse=1,parent=2)`);
    const relation = match[1] as string;
    if (!isRelation(relation)) {
      throw new CliError(`--companions: unknown relation "${relation}" (spouse, child, parent, spouse_parent, escort)`);
    }
    if (companions[relation] !== undefined) throw new CliError(`--companions: relation "${relation}" given twice`);
    companions[relation] = Number(match[2]);
  }
  return companions;
}
