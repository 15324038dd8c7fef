import { useCallback, useEffect, useState } from 'react';
import { RULES_PATHS, rulesCatalogueResponseSchema, type RulesCatalogueResponse } from '../../../shared/console/rules-api.js';
import { apiGet } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { RULES_TEXT } from '../i18n/rules-text.js';
import { PublishRules } from './publish-rules.js';

/** The catalogue in force as a readable table; an admin publishes a new version after seeing its diff. */
export function RulesPage() {
  const t = useText(RULES_TEXT);
  const locale = useLocale();
  const { staff } = useSession();
  const [rules, setRules] = useState<RulesCatalogueResponse | undefined>();
  const { run, problem } = useAction();
  const load = useCallback(() => run(async () => setRules(await apiGet(RULES_PATHS.catalogue, rulesCatalogueResponseSchema))), [run]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="rules-title" className="page">
      <h1 id="rules-title">{t.title}</h1>
      <p className="problem" role="alert">
        {problem}
      </p>
      {staff.role === 'admin' && <PublishRules onPublished={() => void load()} />}
      {rules !== undefined && (
        <table className="table compact" data-testid="rules-table">
          <caption>{t.inForce(rules.version, rules.publishedAt === null ? '—' : bureauTime(rules.publishedAt, locale))}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colService}</th>
              <th scope="col">{t.colArticle}</th>
              <th scope="col">{t.colTiers}</th>
              <th scope="col">{t.colQuota}</th>
              <th scope="col">{t.colCompanions}</th>
            </tr>
          </thead>
          <tbody>
            {rules.rows.map((r) => (
              <tr key={r.service}>
                <th scope="row">{r.name[locale]}</th>
                <td className="nowrap">{t.article(r.article)}</td>
                <td>{r.tiers.join(' · ')}</td>
                <td>{r.quota === null ? t.noQuota : t.quota(r.quota.limit, t.period[r.quota.period], r.quota.perBeneficiary)}</td>
                <td>{r.companions ? t.yes : t.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
