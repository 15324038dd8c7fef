import { useCallback, useEffect, useState } from 'react';
import { FLAG_KIND_VALUES } from '../../../shared/console/flag-kinds.js';
import { USAGE_PATHS, flagListResponseSchema, type FlagListResponse, type FlagView, type FlagsQuery } from '../../../shared/console/usage-api.js';
import { apiGet } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { FLAGS_TEXT } from '../i18n/flags-text.js';
import { useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { FlagItem } from './flag-item.js';

const PAGE = 50;
type State = NonNullable<FlagsQuery['state']>;
type Kind = (typeof FLAG_KIND_VALUES)[number];
const STATES: readonly State[] = ['open', 'resolved', 'all'];

/**
 * Flags (every role reads; officer and admin resolve): open, resolved or all, by kind, each kind
 * said in plain words (what happened, what to do), newest first a page at a time (`before` the
 * last id seen). A flag shows its card number at most, never a holder's name or ID number.
 */
export function FlagsPage() {
  const t = useText(FLAGS_TEXT);
  const shell = useText(SHELL_TEXT);
  const { staff } = useSession();
  const writer = staff.role !== 'auditor';
  const [state, setState] = useState<State>('open');
  const [kind, setKind] = useState<Kind | ''>('');
  const [before, setBefore] = useState<number | undefined>();
  const [answer, setAnswer] = useState<{ query: string; list: FlagListResponse } | undefined>();
  const [resolving, setResolving] = useState<number | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const { run, busy, problem } = useAction();
  const latest = useLatestAnswer();

  const params = new URLSearchParams({ state, limit: String(PAGE) });
  if (kind !== '') params.set('kind', kind);
  if (before !== undefined) params.set('before', String(before));
  const query = params.toString();
  // Only the flags of the choice now made: while its read is on its way, or when it was
  // refused, no other choice's flags stand under it.
  const list = answer?.query === query ? answer.list : undefined;
  const load = useCallback(
    () => run(() => latest(apiGet(`${USAGE_PATHS.flags}?${query}`, flagListResponseSchema), (list) => setAnswer({ query, list }))),
    [run, latest, query],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const resolved = (flag: FlagView) => {
    setResolving(undefined);
    setDone(t.done(flag.id));
    void load();
  };
  const openKinds = list === undefined ? [] : Object.entries(list.openByKind).filter(([, n]) => n > 0);
  const last = list?.flags.at(-1)?.id;

  return (
    <section aria-labelledby="flags-title" className="page">
      <div className="page-head">
        <h1 id="flags-title">{t.title}</h1>
      </div>
      <p className="lead">{t.lead}</p>
      {list !== undefined && (
        <p className="open-kinds" data-testid="flags-open-by-kind">
          <strong>{t.openByKind}</strong>
          {openKinds.length === 0
            ? t.noOpen
            : openKinds.map(([k, n]) => (
                <span key={k} className="badge warn">
                  {(t.kind as Readonly<Record<string, { name: string }>>)[k]?.name ?? k} {n}
                </span>
              ))}
        </p>
      )}
      <div className="filters">
        <label className="field">
          <span>{t.state}</span>
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value as State);
              setBefore(undefined);
            }}
            data-testid="flags-state"
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t.stateName[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.kindFilter}</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind | '');
              setBefore(undefined);
            }}
            data-testid="flags-kind"
          >
            <option value="">{t.anyKind}</option>
            {FLAG_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {t.kind[k].name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="banner good" role="status" hidden={done === undefined} data-testid="flags-done">
        {done}
      </p>
      <p className="problem" role="alert">
        {problem}
      </p>
      {list === undefined ? (
        <p>{shell.loading}</p>
      ) : list.flags.length === 0 ? (
        <p data-testid="flags-empty">{t.empty}</p>
      ) : (
        <>
          <p className="hint">{t.shown(list.flags.length)}</p>
          <ul className="flag-list" data-testid="flag-list">
            {list.flags.map((f) => (
              <FlagItem
                key={f.id}
                flag={f}
                writer={writer}
                resolving={resolving === f.id}
                onResolve={() => {
                  setDone(undefined);
                  setResolving(f.id);
                }}
                onResolved={resolved}
                onCancel={() => setResolving(undefined)}
              />
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        {before !== undefined && (
          <button type="button" className="button" disabled={busy} onClick={() => setBefore(undefined)} data-testid="flags-first">
            {t.firstPage}
          </button>
        )}
        {list !== undefined && list.flags.length === PAGE && last !== undefined && (
          <button type="button" className="button" disabled={busy} onClick={() => setBefore(last)} data-testid="flags-next">
            {t.nextPage}
          </button>
        )}
      </div>
    </section>
  );
}
