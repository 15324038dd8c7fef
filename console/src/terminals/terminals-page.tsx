import { useCallback, useEffect, useState } from 'react';
import { TERMINAL_PATHS, terminalListResponseSchema, terminalViewSchema, type TerminalListResponse, type TerminalView } from '../../../shared/console/terminal-api.js';
import { apiGet, apiPost } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { TERMINALS_TEXT } from '../i18n/terminals-text.js';
import { useServiceName } from '../usage/service-names.js';
import { EnrolTerminal } from './enrol-terminal.js';

/** Terminals: enrol one (officer, admin), and the list with what each last reported; disable with a reason. */
export function TerminalsPage() {
  const t = useText(TERMINALS_TEXT);
  const { staff } = useSession();
  const locale = useLocale();
  const serviceName = useServiceName();
  const [list, setList] = useState<TerminalListResponse | undefined>();
  const [disabling, setDisabling] = useState<string | undefined>();
  const { run, problem } = useAction();
  const load = useCallback(() => run(async () => setList(await apiGet(TERMINAL_PATHS.list, terminalListResponseSchema))), [run]);
  useEffect(() => {
    void load();
  }, [load]);
  const writer = staff.role !== 'auditor';

  return (
    <section aria-labelledby="terminals-title" className="page">
      <h1 id="terminals-title" className="no-print">
        {t.title}
      </h1>
      {writer && <EnrolTerminal onCreated={() => void load()} />}
      <section className="panel no-print" aria-labelledby="terminal-list-title">
        <h2 id="terminal-list-title">{t.listTitle}</h2>
        <p className="problem" role="alert">
          {problem}
        </p>
        {list !== undefined &&
          (list.terminals.length === 0 ? (
            <p>{t.noTerminals}</p>
          ) : (
            <div className="table-scroll">
              <table className="table compact" data-testid="terminal-table">
                <caption>{t.listCaption(list.terminals.length, bureauTime(list.at, locale))}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colId}</th>
                    <th scope="col">{t.colSite}</th>
                    <th scope="col">{t.colService}</th>
                    <th scope="col">{t.colStatus}</th>
                    <th scope="col">{t.colLastSeen}</th>
                    <th scope="col" className="num">
                      {t.colClock}
                    </th>
                    <th scope="col" className="num">
                      {t.colSeq}
                    </th>
                    <th scope="col" className="num">
                      {t.colPending}
                    </th>
                    <th scope="col">{t.colChain}</th>
                    {writer && <th scope="col">{t.colActions}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.terminals.map((x) => (
                    <TerminalRow key={x.id} terminal={x} writer={writer} serviceName={serviceName} onDisable={() => setDisabling(x.id)} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {disabling !== undefined && (
          <DisableTerminal
            id={disabling}
            onDone={() => {
              setDisabling(undefined);
              void load();
            }}
          />
        )}
      </section>
    </section>
  );
}

function TerminalRow(props: { terminal: TerminalView; writer: boolean; serviceName: (service: string) => string; onDisable: () => void }) {
  const t = useText(TERMINALS_TEXT);
  const locale = useLocale();
  const x = props.terminal;
  const statusClass = x.status === 'online' ? 'good' : x.status === 'silent' ? 'warn' : 'bad';
  return (
    <tr data-terminal={x.id}>
      <th scope="row">{x.id}</th>
      <td>{x.site}</td>
      <td title={x.service}>{props.serviceName(x.service)}</td>
      <td>
        <span className={`badge ${statusClass}`}>{t.status[x.status]}</span>
        {x.staleLists && <span className="badge warn">{t.staleLists}</span>}
        {x.disabledAt !== null && (
          <p className="hint" data-testid="terminal-disabled">
            {t.disabledWhen(bureauTime(x.disabledAt, locale))}
            {x.disabledReason !== null && x.disabledReason !== '' && (
              <>
                <br />
                {t.disabledWhy(x.disabledReason)}
              </>
            )}
          </p>
        )}
      </td>
      <td className="nowrap">{x.lastSeen === null ? t.never : bureauTime(x.lastSeen, locale)}</td>
      <td className="num">{x.clockOffsetMs === null ? t.unknown : t.seconds(Math.round(x.clockOffsetMs / 1000))}</td>
      <td className="num">{x.revocationSeqHeld ?? t.unknown}</td>
      <td className="num">{x.pendingUploads ?? t.unknown}</td>
      <td>
        <span className={x.chain === 'ok' ? 'badge good' : 'badge bad'}>{x.chain === 'ok' ? t.chainOk : t.chainBroken}</span>
      </td>
      {props.writer && (
        <td>
          {x.status !== 'disabled' && (
            <button type="button" className="button danger" onClick={props.onDisable}>
              {t.disable}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function DisableTerminal(props: { id: string; onDone: () => void }) {
  const t = useText(TERMINALS_TEXT);
  const { csrfToken } = useSession();
  const [reason, setReason] = useState('');
  const { run, busy, problem } = useAction();
  return (
    <form
      className="withdraw"
      data-testid="terminal-disable"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await apiPost(TERMINAL_PATHS.disable(props.id), csrfToken, { reason: reason.trim() }, terminalViewSchema);
          props.onDone();
        });
      }}
    >
      <p className="hint">{t.disableLead}</p>
      <label className="field">
        <span>{t.disableReason(props.id)}</span>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </label>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div className="actions">
        <button type="button" className="button quiet" onClick={props.onDone}>
          {t.cancel}
        </button>
        <button type="submit" className="button danger-filled" disabled={busy || reason.trim() === ''}>
          {t.confirmDisable}
        </button>
      </div>
    </form>
  );
}
