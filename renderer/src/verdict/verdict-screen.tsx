import { useEffect, useRef, useState } from 'react';
import type { VerifyView } from '../../../shared/api/api-types.js';
import { BENEFICIARIES, type Beneficiary } from '../../../shared/beneficiary.js';
import type { Companions } from '../../../shared/relations.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ownsEnter } from '../keyboard/focus-kind.js';
import { useHotkeys } from '../keyboard/use-hotkeys.js';
import { BeneficiaryField } from './beneficiary-field.js';
import { CompanionSteppers } from './companion-steppers.js';
import { HolderPanel } from './holder-panel.js';
import { quotaLines } from './quota-lines.js';
import { ReasonBlock } from './reason-block.js';
import { useAutoReturn } from './use-auto-return.js';
import { VerdictActions } from './verdict-actions.js';
import { VerdictBanner } from './verdict-banner.js';
import { confirmMissing, confirmNeeds, dependsOnParent, shownVerdict } from './verdict-rules.js';
import { WarningBanner } from './warning-banner.js';

/** What the operator confirms with. */
export interface RecordInput {
  companions: Companions;
  ticket?: string;
  idChecked: boolean;
}

/** The attended verdict: what the card may do here, who holds it, who comes along; Enter records, Esc does not. */
export function VerdictScreen(props: {
  view: VerifyView;
  verifiedWith: string | null;
  requireIdCheck: boolean;
  autoReturnSeconds: number;
  busy: boolean;
  error: string | null;
  onReverify: (beneficiary: Beneficiary) => void;
  onConfirm: (input: RecordInput) => void;
  onCancel: () => void;
}) {
  const { view } = props;
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const [idChecked, setIdChecked] = useState(false);
  const [companions, setCompanions] = useState<Companions>({});
  const [ticket, setTicket] = useState('');
  const chosen = BENEFICIARIES.find((b) => b === props.verifiedWith) ?? null;
  const [hint, setHint] = useState<string | null>(null);
  const refs = {
    idCheck: useRef<HTMLInputElement>(null),
    ticket: useRef<HTMLInputElement>(null),
    beneficiary: useRef<HTMLButtonElement>(null),
    confirm: useRef<HTMLButtonElement>(null),
    back: useRef<HTMLButtonElement>(null),
  };

  const verdict = shownVerdict(view, props.verifiedWith);
  const pending = verdict === 'pending';
  const canRecord = verdict === 'accept';
  const confirmState = { requireIdCheck: props.requireIdCheck, idChecked, ticket };
  const missing = confirmMissing(view, confirmState);
  const ready = canRecord && missing === null;
  // Shown live beside Confirm, in the order the screen asks for them (the order Confirm checks).
  const needs = canRecord ? confirmNeeds(view, confirmState).map((need) => t.confirmNeeds[need]) : [];

  // First focus: the first thing the operator must do (tab order then runs ID check → ticket → companions → confirm).
  useEffect(() => {
    const target = pending
      ? refs.beneficiary.current
      : !canRecord
        ? refs.back.current
        : props.requireIdCheck
          ? refs.idCheck.current
          : view.requiresTicket
            ? refs.ticket.current
            : refs.confirm.current;
    target?.focus();
    // Only when a new verdict arrives (the view id changes), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus moves once per verdict, deliberately
  }, [view.id]);

  const secondsLeft = useAutoReturn(props.autoReturnSeconds, props.onCancel, props.busy);

  // Art. 22: choosing the other parent checks the card again for that parent (quotas are per parent).
  const choose = (parent: Beneficiary): void => {
    if (parent !== chosen && !props.busy) props.onReverify(parent);
  };
  const confirm = (): void => {
    if (!canRecord || props.busy) return;
    if (missing !== null) {
      setHint(missing === 'ticket' ? t.ticketNeeded : t.idCheckNeeded);
      refs[missing].current?.focus();
      return;
    }
    const number = ticket.trim();
    props.onConfirm({ companions, idChecked, ...(view.requiresTicket && number !== '' ? { ticket: number } : {}) });
  };

  useHotkeys({
    Enter: (event) => {
      if (ownsEnter(document.activeElement)) return;
      event.preventDefault();
      if (pending) refs.beneficiary.current?.focus();
      else if (canRecord) confirm();
      else props.onCancel();
    },
    Escape: (event) => {
      event.preventDefault();
      props.onCancel();
    },
  });

  const reason = view.decision.reasons[0];
  // A quota rejection for one parent still offers the other (Art. 22 counts per parent).
  const parentChoice = dependsOnParent(view);
  const hasEntries = (canRecord || pending || parentChoice) && (view.requiresBeneficiary || view.requiresTicket || Object.values(view.companionLimits).some((n) => n > 0));
  const problem = props.error ?? (missing !== null ? hint : null);
  return (
    <div className="verdict-screen" data-decision={view.decision.decision}>
      {/* Warnings stand beside the verdict, as tall as it, where the eye already is. */}
      <div className={`verdict-top ${view.decision.warnings.length > 0 ? 'verdict-top-warned' : ''}`}>
        <VerdictBanner verdict={verdict} serviceName={view.service.name[locale]} />
        <WarningBanner codes={view.decision.warnings} issuer={view.decision.card?.iss} />
      </div>
      {verdict === 'reject' && reason !== undefined && <ReasonBlock code={reason} />}
      <div className={`verdict-body ${hasEntries ? '' : 'verdict-body-single'}`}>
        <HolderPanel
          card={view.decision.card}
          wide={!hasEntries}
          quota={pending ? [] : quotaLines(view, locale)}
          idCheck={canRecord ? { checked: idChecked, onChange: setIdChecked, required: props.requireIdCheck, inputRef: refs.idCheck } : null}
        />
        {hasEntries && (
          <div className="verdict-entries">
            {parentChoice && (
              <BeneficiaryField value={chosen} onChoose={choose} needsChoice={pending} busy={props.busy} firstRef={refs.beneficiary} />
            )}
            {canRecord && view.requiresTicket && (
              <label className="field ticket-field">
                <span className="field-label">{t.ticket}</span>
                <input
                  ref={refs.ticket}
                  data-testid="ticket"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={t.ticketPlaceholder}
                  value={ticket}
                  onChange={(e) => setTicket(e.target.value)}
                />
              </label>
            )}
            {canRecord && <CompanionSteppers limits={view.companionLimits} value={companions} onChange={setCompanions} />}
          </div>
        )}
      </div>
      {problem !== null && (
        <p className="verdict-problem" role="alert" data-testid="record-error">
          {problem}
        </p>
      )}
      <VerdictActions
        canRecord={canRecord}
        ready={ready}
        needs={needs}
        busy={props.busy}
        secondsLeft={secondsLeft}
        onConfirm={confirm}
        onCancel={props.onCancel}
        confirmRef={refs.confirm}
        backRef={refs.back}
      />
    </div>
  );
}
