import { BarChart } from '../overview/bar-chart.js';
import { useText } from '../i18n/locale-context.js';
import { USAGE_TEXT } from '../i18n/usage-text.js';

/** One group's tally as the report gives it. */
export interface GroupTally {
  key: string;
  uses: number;
  companions: number;
}

/**
 * One grouping of the report (by service, site, day or tier): the bars (the overview's chart) and
 * a table with the figures, each group named for a clerk by `label`. `sortByUses` puts the most
 * used first (days keep their calendar order).
 */
export function GroupPanel(props: {
  title: string;
  groups: readonly GroupTally[];
  label: (key: string) => string;
  testId: string;
  sortByUses?: boolean;
  /** The chart's title and the empty panel's sentence where the report's own do not fit (the overview's periods). */
  chartTitle?: string;
  empty?: string;
}) {
  const t = useText(USAGE_TEXT);
  const groups = props.sortByUses === false ? props.groups : [...props.groups].sort((a, b) => b.uses - a.uses);
  return (
    <section className="panel" aria-label={props.title} data-testid={props.testId}>
      <h2>{props.title}</h2>
      {groups.length === 0 ? (
        <p>{props.empty ?? t.noUses}</p>
      ) : (
        <div className="group-body">
          <BarChart title={props.chartTitle ?? t.chart(props.title)} bars={groups.map((g) => ({ label: props.label(g.key), value: g.uses }))} />
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{props.title}</th>
                <th scope="col" className="num">
                  {t.uses}
                </th>
                <th scope="col" className="num">
                  {t.companions}
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key} data-key={g.key}>
                  <th scope="row">{props.label(g.key)}</th>
                  <td className="num" data-col="uses">
                    {g.uses}
                  </td>
                  <td className="num" data-col="companions">
                    {g.companions}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
