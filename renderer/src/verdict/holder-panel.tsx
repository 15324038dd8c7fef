import type { ReactNode, Ref } from 'react';
import type { CardSummary } from '../../../shared/token/card-claims.js';
import { cardTypeText } from '../../../shared/i18n/ui-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { holderOf } from '../util/card-fields.js';

/** A quota line with its dates kept on one line (a wrapped 2027-10-\n28 is easy to misread). */
function keepDatesWhole(line: string): ReactNode[] {
  return line.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) =>
    /^\d{4}-\d{2}-\d{2}$/.test(part) ? (
      <span key={i} className="nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/** The ID check of Art. 33 as the panel shows it. */
export interface IdCheckBox {
  checked: boolean;
  onChange: (checked: boolean) => void;
  required: boolean;
  inputRef: Ref<HTMLInputElement>;
}

/** The holder's masked name and ID tail, large, for the ID check (Art. 33), with card type, tier and quota. */
export function HolderPanel(props: {
  card: CardSummary | null;
  quota: string[];
  /** Nothing else to enter: the panel takes the whole width, facts and quota beside the identity. */
  wide: boolean;
  idCheck: IdCheckBox | null;
}) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const holder = holderOf(props.card);
  if (holder === null) return null;
  const { idCheck } = props;
  return (
    <section className={`holder-panel ${props.wide ? 'holder-panel-wide' : ''}`} aria-label={t.holder}>
      <div className="holder-main">
        <div className="holder-identity">
          <div className="holder-field">
            <span className="field-label">{t.holder}</span>
            <span className="holder-name" data-testid="holder-name">
              {holder.name}
            </span>
          </div>
          <div className="holder-field">
            <span className="field-label">{t.idTail}</span>
            <span className="holder-idtail" data-testid="id-tail">
              {holder.idTail}
            </span>
          </div>
        </div>
        {idCheck !== null && (
          <label className={`id-check ${idCheck.checked ? 'id-check-done' : ''}`}>
            <input ref={idCheck.inputRef} type="checkbox" data-testid="id-check" checked={idCheck.checked} onChange={(e) => idCheck.onChange(e.target.checked)} />
            <span>
              {t.idCheck}
              {idCheck.required && <span className="required-mark"> *</span>}
            </span>
          </label>
        )}
      </div>
      <div className="holder-side">
        <dl className="card-facts">
          <div>
            <dt>{t.cardType}</dt>
            <dd data-testid="card-type">{cardTypeText(holder.iss, holder.tier)[locale]}</dd>
          </div>
          <div>
            <dt>{t.tier}</dt>
            <dd>
              <span className="tier-badge" data-testid="tier">
                {holder.tier}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t.cardNumber}</dt>
            <dd className="card-number">{holder.sub}</dd>
          </div>
        </dl>
        {props.quota.length > 0 && (
          <div className="quota" data-testid="quota">
            <span className="field-label">{t.quota}</span>
            {props.quota.map((line) => (
              <p key={line} className="quota-line">
                {keepDatesWhole(line)}
              </p>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
