import type { CatalogueRow, RulesChange } from '../../shared/console/rules-api.js';
import { ruleBook } from '../../shared/rules/rules-lookup.js';
import { TIERS, type Rules } from '../../shared/rules/rules-schema.js';

/** The catalogue as table rows (Art. 39), by article number as the regulation reads (the file's order kept within an article): each service with the tiers whose articles cover it (Art. 31). */
export function catalogueRows(rules: Rules): CatalogueRow[] {
  const book = ruleBook(rules, 0);
  const byArticle = [...rules.services].sort((a, b) => a.article - b.article);
  return byArticle.map((s) => ({
    service: s.id,
    name: { zh: s.name.zh, en: s.name.en },
    article: s.article,
    tiers: TIERS.filter((t) => book.tierCovers(t, s.article)),
    quota:
      s.quota === undefined
        ? null
        : { period: s.quota.period, limit: s.quota.limit, periods: s.quota.periods ?? null, totalLimit: s.quota.totalLimit ?? null, perBeneficiary: s.quota.perBeneficiary },
    companions: s.companions,
    requiresTicket: s.requiresTicket,
    requiresBeneficiary: s.requiresBeneficiary,
  }));
}

/** Leaves of a JSON value by dotted path, each as JSON text. */
function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  } else out.set(path, JSON.stringify(value));
  return out;
}

/** Fields whose values differ between two values, by dotted path (arrays compared whole). */
function fieldChanges(before: unknown, after: unknown): RulesChange['fields'] {
  const a = leaves(before);
  const b = leaves(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ field: k, before: a.get(k) ?? null, after: b.get(k) ?? null }));
}

const PARTS = ['tiers', 'companionLimits', 'sitePolicyDefaults', 'issuerConstraints'] as const;

/** What publishing `after` changes from `before`: services added, removed, changed (field by field), then the other parts. */
export function rulesDiff(before: Rules, after: Rules): RulesChange[] {
  const out: RulesChange[] = [];
  const old = new Map(before.services.map((s) => [s.id, s]));
  const now = new Map(after.services.map((s) => [s.id, s]));
  for (const s of after.services) {
    const was = old.get(s.id);
    if (was === undefined) out.push({ change: 'added', part: 'service', key: s.id, fields: [] });
    else {
      const fields = fieldChanges(was, s);
      if (fields.length > 0) out.push({ change: 'changed', part: 'service', key: s.id, fields });
    }
  }
  for (const s of before.services) if (!now.has(s.id)) out.push({ change: 'removed', part: 'service', key: s.id, fields: [] });
  for (const part of PARTS) {
    const fields = fieldChanges(before[part], after[part]);
    if (fields.length > 0) out.push({ change: 'changed', part, key: part, fields });
  }
  return out;
}
