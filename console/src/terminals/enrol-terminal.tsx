import { useEffect, useState, type FormEvent } from 'react';
import { RULES_PATHS, rulesCatalogueResponseSchema, type CatalogueRow } from '../../../shared/console/rules-api.js';
import { TERMINAL_PATHS, createEnrolmentResponseSchema, type CreateEnrolmentResponse } from '../../../shared/console/terminal-api.js';
import { apiGet, apiPost } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { TERMINALS_TEXT } from '../i18n/terminals-text.js';

const HOURS = [4, 24, 72, 168] as const;

/** Creates an enrolment (site, service from the rules in force, validity) and shows its QR and code as a printable sheet. */
export function EnrolTerminal(props: { onCreated: () => void }) {
  const t = useText(TERMINALS_TEXT);
  const locale = useLocale();
  const { csrfToken } = useSession();
  const [services, setServices] = useState<CatalogueRow[]>([]);
  const [site, setSite] = useState('');
  const [service, setService] = useState('');
  const [hours, setHours] = useState<number>(24);
  const [made, setMade] = useState<CreateEnrolmentResponse | undefined>();
  const { run, busy, problem } = useAction();

  useEffect(() => {
    void run(async () => {
      const rules = await apiGet(RULES_PATHS.catalogue, rulesCatalogueResponseSchema);
      setServices(rules.rows);
      setService((s) => (s === '' ? (rules.rows[0]?.service ?? '') : s));
    });
  }, [run]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (site.trim() === '' || service === '') return;
    void run(async () => {
      setMade(await apiPost(TERMINAL_PATHS.enrol, csrfToken, { site: site.trim(), service, hours }, createEnrolmentResponseSchema));
      props.onCreated();
    });
  };
  const serviceName = (id: string) => services.find((s) => s.service === id)?.name[locale] ?? id;

  return (
    <>
      <form className="panel no-print" onSubmit={submit} aria-labelledby="enrol-title" data-testid="enrol-form">
        <h2 id="enrol-title">{t.enrolTitle}</h2>
        <p className="hint">{t.enrolLead}</p>
        <div className="form-grid">
          <label className="field">
            <span>{t.site}</span>
            <input type="text" value={site} onChange={(e) => setSite(e.target.value)} maxLength={100} autoComplete="off" />
          </label>
          <label className="field">
            <span>{t.service}</span>
            <select value={service} onChange={(e) => setService(e.target.value)}>
              {services.map((s) => (
                <option key={s.service} value={s.service}>
                  {s.name[locale]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t.hours}</span>
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {t.hoursOption(h)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="problem" role="alert">
          {problem}
        </p>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy || site.trim() === '' || service === ''}>
            {t.create}
          </button>
        </div>
      </form>
      {made !== undefined && (
        <section className="enrol-sheet print-only-sheet" aria-labelledby="sheet-title" data-testid="enrol-sheet">
          <h2 id="sheet-title">{t.sheetTitle}</h2>
          <p>{t.sheetLead}</p>
          <div className="sheet-body">
            <img src={made.qrPng} alt={t.qrAlt(made.site)} className="enrol-qr" data-testid="enrol-qr" />
            <dl className="facts sheet-facts">
              <dt>{t.site}</dt>
              <dd>{made.site}</dd>
              <dt>{t.service}</dt>
              <dd>{serviceName(made.service)}</dd>
              <dt>{t.code}</dt>
              <dd className="enrol-code" data-testid="enrol-code">
                {made.code}
              </dd>
              <dt>{t.hub}</dt>
              <dd>{made.hubUrl}</dd>
              <dt>{t.expires}</dt>
              <dd>{bureauTime(made.expiresAt, locale)}</dd>
            </dl>
          </div>
          <div className="actions no-print">
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t.print}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
