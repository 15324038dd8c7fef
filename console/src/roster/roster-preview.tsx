import type { RosterPreviewResponse } from '../../../shared/console/card-api.js';
import { validDays } from '../../../shared/time/shanghai-calendar.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { problemWords } from './problem-words.js';

/** Good lines listed in the preview (all of them are issued; the counts say how many). */
const GOOD_SHOWN = 200;

/** Each bad line once, with every problem the hub found on it, in line order. */
function badLines(preview: RosterPreviewResponse): { line: number; messages: string[] }[] {
  const byLine = new Map<number, string[]>();
  for (const p of preview.problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.message]);
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, messages }));
}

/**
 * What the hub found in a roster before anything is issued: the counts, EVERY bad line with its
 * number and reason in plain words, and the good lines as they would be printed (masked name, ID
 * number's last four). A roster with any bad line cannot be confirmed: the whole file is fixed
 * and checked again (README "The bureau's console", Cards).
 */
export function RosterPreview(props: { preview: RosterPreviewResponse; busy: boolean; onConfirm: () => void }) {
  const t = useText(ROSTER_TEXT);
  const locale = useLocale();
  const { preview } = props;
  const bad = badLines(preview);
  const good = preview.lines;
  return (
    <section className="panel" aria-labelledby="roster-preview-title" data-testid="roster-preview">
      <h2 id="roster-preview-title">{t.previewTitle}</h2>
      <p className="banner warn" data-testid="roster-nothing-issued">
        {t.nothingIssued}
      </p>
      <p className="roster-counts">
        <span className="badge good" data-testid="roster-good-count">
          {t.goodCount(good.length)}
        </span>
        <span className={bad.length > 0 ? 'badge bad' : 'badge'} data-testid="roster-bad-count">
          {t.badCount(bad.length)}
        </span>
      </p>
      {bad.length > 0 && (
        <>
          <p className="banner bad" role="alert">
            {t.badLead}
          </p>
          <table className="table compact" data-testid="roster-bad-lines">
            <caption>{t.badTitle}</caption>
            <thead>
              <tr>
                <th scope="col" className="nowrap">
                  {t.colLine}
                </th>
                <th scope="col">{t.colReason}</th>
              </tr>
            </thead>
            <tbody>
              {bad.map((b) => (
                <tr key={b.line} data-line={b.line}>
                  <th scope="row" className="nowrap">
                    {t.lineNo(b.line)}
                  </th>
                  <td>
                    {b.messages.map((m) => (
                      <p key={m} className="roster-reason">
                        {problemWords(m, locale)}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {good.length === 0 && <p className="bad-note">{t.noGood}</p>}
      {good.length > 0 && (
        <table className="table compact" data-testid="roster-good-lines">
          <caption>{t.goodTitle}</caption>
          <thead>
            <tr>
              <th scope="col" className="nowrap">
                {t.colLine}
              </th>
              <th scope="col">{t.colHolder}</th>
              <th scope="col">{t.colIdTail}</th>
              <th scope="col">{t.colTier}</th>
              <th scope="col">{t.colValid}</th>
            </tr>
          </thead>
          <tbody>
            {good.slice(0, GOOD_SHOWN).map((g) => (
              <tr key={g.line}>
                <th scope="row" className="nowrap">
                  {t.lineNo(g.line)}
                </th>
                <td>{g.maskedName}</td>
                <td>{g.idTail}</td>
                <td className="nowrap">{g.tier}</td>
                <td className="nowrap">{validDays(g.validFrom, g.validUntil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {good.length > GOOD_SHOWN && <p className="hint">{t.goodMore(GOOD_SHOWN, good.length)}</p>}
      {preview.ready && (
        <div className="actions roster-confirm">
          <p className="hint">{t.confirmLead}</p>
          <button type="button" className="button primary" disabled={props.busy} onClick={props.onConfirm} data-testid="roster-confirm">
            {t.confirm(good.length)}
          </button>
        </div>
      )}
    </section>
  );
}
