import type { FlagView } from '../../../shared/console/usage-api.js';
import { bureauTime } from '../app/format-time.js';
import { FLAGS_TEXT } from '../i18n/flags-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ResolveFlag } from './resolve-flag.js';

/** One flag: its kind in plain words (what happened, what to do), where and when, the hub's detail, and its resolution or a button to resolve it. */
export function FlagItem(props: { flag: FlagView; writer: boolean; resolving: boolean; onResolve: () => void; onResolved: (f: FlagView) => void; onCancel: () => void }) {
  const t = useText(FLAGS_TEXT);
  const locale = useLocale();
  const f = props.flag;
  const words = t.kind[f.kind];
  const open = f.resolvedAt === null;
  const titleId = `flag-${f.id}-title`;
  return (
    <li className={open ? 'flag open' : 'flag resolved'} aria-labelledby={titleId} data-flag={f.id} data-kind={f.kind} data-testid="flag">
      <div className="flag-head">
        <h2 id={titleId}>
          <span className={open ? 'badge warn' : 'badge good'}>{open ? t.open : t.resolved}</span> {t.flagLabel(f.id, words.name)}
        </h2>
        {props.writer && open && !props.resolving && (
          <button type="button" className="button" onClick={props.onResolve} aria-label={`${t.resolve} ${t.flagLabel(f.id, words.name)}`} data-testid="flag-resolve">
            {t.resolve}
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>{t.whatHappened}</dt>
        <dd>{words.what}</dd>
        <dt>{t.whatToDo}</dt>
        <dd>{words.remedy}</dd>
        <dt>{t.terminal}</dt>
        <dd>{f.terminalId ?? t.none}</dd>
        <dt>{t.card}</dt>
        <dd>{f.card ?? t.none}</dd>
        <dt>{t.happenedAt}</dt>
        <dd>{f.at === null ? t.none : bureauTime(f.at, locale)}</dd>
        <dt>{t.flaggedAt}</dt>
        <dd>{bureauTime(f.flaggedAt, locale)}</dd>
        <dt>{t.technical}</dt>
        <dd className="flag-detail" lang="en">
          {f.detail}
        </dd>
        {!open && (
          <>
            <dt>{t.resolved}</dt>
            <dd data-testid="flag-resolved-by">{t.resolvedBy(f.resolvedBy ?? t.none, f.resolvedAt === null ? t.none : bureauTime(f.resolvedAt, locale))}</dd>
            <dt>{t.note}</dt>
            <dd data-testid="flag-note">{f.note ?? t.none}</dd>
          </>
        )}
      </dl>
      {props.resolving && <ResolveFlag flag={f} onDone={props.onResolved} onCancel={props.onCancel} />}
    </li>
  );
}
