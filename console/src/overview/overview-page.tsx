import { useEffect, useState, type ReactNode } from 'react';
import { FLAG_KIND_VALUES } from '../../../shared/console/flag-kinds.js';
import { OVERVIEW_PATH, overviewResponseSchema, type OverviewResponse, type ServiceTally } from '../../../shared/console/overview-api.js';
import { RULES_PATHS, rulesCatalogueResponseSchema } from '../../../shared/console/rules-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { apiGet } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { FLAGS_TEXT } from '../i18n/flags-text.js';
import { OVERVIEW_TEXT } from '../i18n/overview-text.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { GroupPanel } from '../usage/group-panel.js';

type Names = ReadonlyMap<string, { zh: string; en: string }>;

/** Cards in force by tier, uses today and this month by service (chart and table), terminals, open flags. */
export function OverviewPage() {
  const t = useText(OVERVIEW_TEXT);
  const shell = useText(SHELL_TEXT);
  const flagText = useText(FLAGS_TEXT);
  const locale = useLocale();
  const [overview, setOverview] = useState<OverviewResponse | undefined>();
  const [names, setNames] = useState<Names>(new Map());
  const { run, problem } = useAction();

  useEffect(() => {
    void run(async () => {
      const [o, rules] = await Promise.all([apiGet(OVERVIEW_PATH, overviewResponseSchema), apiGet(RULES_PATHS.catalogue, rulesCatalogueResponseSchema)]);
      setOverview(o);
      setNames(new Map(rules.rows.map((r) => [r.service, r.name])));
    });
  }, [run]);

  return (
    <section aria-labelledby="overview-title" className="page">
      <div className="page-head">
        <h1 id="overview-title">{t.title}</h1>
        {overview !== undefined && <p className="lead">{t.asOf(bureauTime(overview.at, locale))}</p>}
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      {overview === undefined ? (
        <p>{shell.loading}</p>
      ) : (
        <>
          <div className="tiles">
            <Tile label={t.cardsInForce} value={overview.cardsInForce.total} testId="overview-cards">
              {Object.entries(overview.cardsInForce.byTier).map(([tier, n]) => (
                <span key={tier}>
                  {t.tier(tier)} <strong>{n}</strong>
                </span>
              ))}
            </Tile>
            <Tile label={t.usesToday(overview.today)} value={overview.totalToday.uses}>
              <span>
                {t.companions} <strong>{overview.totalToday.companions}</strong>
              </span>
            </Tile>
            <Tile label={t.terminals} value={overview.terminals.online} of={overview.terminals.active} sub={t.online}>
              <span className={overview.terminals.silent > 0 ? 'warn-text' : undefined}>
                {t.silent} <strong>{overview.terminals.silent}</strong>
              </span>
              <span className={overview.terminals.staleLists > 0 ? 'warn-text' : undefined}>
                {t.staleLists} <strong>{overview.terminals.staleLists}</strong>
              </span>
              <span className={overview.terminals.brokenChain > 0 ? 'bad-text' : undefined}>
                {t.brokenChain} <strong>{overview.terminals.brokenChain}</strong>
              </span>
            </Tile>
            <Tile label={t.openFlags} value={overview.openFlags.total} testId="overview-open-flags">
              {Object.entries(overview.openFlags.byKind).map(([kind, n]) => (
                <span key={kind}>
                  {flagKindName(kind, flagText.kind)} <strong>{n}</strong>
                </span>
              ))}
            </Tile>
          </div>
          <div className="two-columns">
            <UsesPanel title={t.usesToday(overview.today)} tallies={overview.usesToday} names={names} locale={locale} testId="overview-uses-today" />
            <UsesPanel title={t.usesThisMonth(overview.month)} tallies={overview.usesThisMonth} names={names} locale={locale} testId="overview-uses-month" />
          </div>
        </>
      )}
    </section>
  );
}

function Tile(props: { label: string; value: number; of?: number; sub?: string; testId?: string; children?: ReactNode }) {
  return (
    <div className="tile" data-testid={props.testId}>
      <p className="tile-label">{props.label}</p>
      <p className="tile-value">
        {props.value}
        {props.of !== undefined && <span className="tile-of"> / {props.of}</span>}
        {props.sub !== undefined && <span className="tile-sub"> {props.sub}</span>}
      </p>
      <p className="tile-detail">{props.children}</p>
    </div>
  );
}

/** One period's uses by service: the report's panel, with the overview's words and only the services used. */
function UsesPanel(props: { title: string; tallies: readonly ServiceTally[]; names: Names; locale: Locale; testId: string }) {
  const t = useText(OVERVIEW_TEXT);
  const label = (service: string) => props.names.get(service)?.[props.locale] ?? service;
  // Every service of the rules is listed by the hub; the clerk sees the ones used (the panel puts the most used first).
  const used = props.tallies.filter((s) => s.uses > 0 || s.companions > 0).map((s) => ({ key: s.service, uses: s.uses, companions: s.companions }));
  return <GroupPanel title={props.title} groups={used} label={label} testId={props.testId} chartTitle={t.usesChart(props.title)} empty={t.noUses} />;
}

type FlagKind = (typeof FLAG_KIND_VALUES)[number];

/** A flag kind in the words of the flags page; a kind this console does not know yet shows as the hub sent it. */
function flagKindName(kind: string, names: Readonly<Record<FlagKind, { name: string }>>): string {
  const known = FLAG_KIND_VALUES.find((k) => k === kind);
  return known === undefined ? kind : names[known].name;
}
