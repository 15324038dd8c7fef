import { isRelation, type Companions } from '../../shared/relations.js';
import { COMPANIONS_PER_RELATION_MAX } from '../../shared/request-fields.js';
import { CliError } from './cli-error.js';

/** Parses `spouse=1,parent=2` (§7): relations of §2, whole counts 0–COMPANIONS_PER_RELATION_MAX, each relation once. */
export function parseCompanions(text: string | undefined): Companions {
  const companions: Companions = {};
  if (text === undefined || text.trim() === '') return companions;
  for (const pair of text.split(',')) {
    const match = /^\s*([a-z_]+)\s*=\s*(\d{1,4})\s*$/.exec(pair);
    if (!match) throw new CliError({ code: 'COMPANIONS_UNREADABLE', pair });
    const relation = match[1] as string;
    if (!isRelation(relation)) throw new CliError({ code: 'COMPANIONS_UNKNOWN_RELATION', relation });
    if (companions[relation] !== undefined) throw new CliError({ code: 'COMPANIONS_TWICE', relation });
    const count = Number(match[2]);
    if (count > COMPANIONS_PER_RELATION_MAX) throw new CliError({ code: 'COMPANIONS_TOO_MANY', relation, count, max: COMPANIONS_PER_RELATION_MAX });
    companions[relation] = count;
  }
  return companions;
}
