import { useCallback, useRef, useState } from 'react';
import type { ApiError, VerifyView } from '../../../shared/api/api-types.js';
import { apiErrorText } from '../../../shared/i18n/api-error-text.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { companionTotal } from '../../../shared/relations.js';
import { useApi } from '../api/api-context.js';
import { useAnnounce } from '../app/announcer.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { playSignal } from '../sound/tones.js';
import { holderOf } from '../util/card-fields.js';
import type { RecordInput } from '../verdict/verdict-screen.js';
import { announcementFor, signalFor } from './verdict-feedback.js';

/** Where the counter is: waiting for a card, checking one, or showing its verdict. */
export type CounterPhase =
  | { kind: 'scanning' }
  | { kind: 'verifying' }
  | { kind: 'needs-beneficiary'; serial: number; token: string; serviceName: string }
  | { kind: 'verdict'; serial: number; token: string; view: VerifyView; verifiedWith: string | null; gate: boolean };

/** A one-line message on the scan screen (last use recorded, an error). */
export interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

/** The counter's flow: scan → card.verify → verdict → card.record (Enter) or nothing (Esc, timeout). */
export function useCounter(options: { gateMode: boolean; sounds: boolean; locale: Locale; serviceName: string; onActivity: () => void }) {
  const call = useApi();
  const announce = useAnnounce();
  const [phase, setPhase] = useState<CounterPhase>({ kind: 'scanning' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [recordError, setRecordError] = useState<string | null>(null);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const serial = useRef(0);
  const checking = useRef(false);
  const opts = useRef(options);
  opts.current = options;

  const errorText = (error: ApiError): string => COUNTER_TEXT[opts.current.locale].recordError[error.code] ?? apiErrorText(error, opts.current.locale);

  const present = useCallback(
    (token: string, view: VerifyView, verifiedWith: string | null, sameCard: boolean) => {
      const { gateMode, sounds, locale } = opts.current;
      if (!sameCard) serial.current += 1;
      const gate = gateMode && (view.autoRecorded !== null || view.decision.decision === 'reject');
      setRecordError(null);
      setPhase({ kind: 'verdict', serial: serial.current, token, view, verifiedWith, gate });
      const said = announcementFor(view, verifiedWith, locale);
      if (said === null) return; // still awaiting the parent: nothing decided, nothing to sound
      announce(said);
      if (view.gate?.state === 'failed') {
        // The gate never opened for this use: say so plainly, and sound the alarm even where sounds are off.
        const text = HARDWARE_TEXT[locale].gateFailed(view.gate.message, view.gate.voided);
        setNotice({ tone: 'error', text });
        announce(text);
        playSignal('alarm');
        return;
      }
      if (sounds) playSignal(signalFor(view));
    },
    [announce],
  );

  const verify = useCallback(
    async (token: string, beneficiary: string | null) => {
      if (checking.current) return; // one check at a time; a second scan meanwhile is dropped
      checking.current = true;
      const sameCard = beneficiary !== null;
      if (!sameCard) setPhase({ kind: 'verifying' });
      else setBusy(true);
      setNotice(null);
      const result = await call('card.verify', beneficiary === null ? { token } : { token, beneficiary });
      checking.current = false;
      setBusy(false);
      opts.current.onActivity();
      if (result.ok) {
        present(token, result.value, beneficiary, sameCard);
      } else if (result.error.code === 'BENEFICIARY_REQUIRED' && !sameCard) {
        // Art. 22: the claim is per parent, so the card is checked once the parent is entered.
        serial.current += 1;
        setPhase({ kind: 'needs-beneficiary', serial: serial.current, token, serviceName: opts.current.serviceName });
      } else if (sameCard) {
        setRecordError(errorText(result.error));
      } else {
        setPhase({ kind: 'scanning' });
        setNotice({ tone: 'error', text: errorText(result.error) });
        if (opts.current.sounds) playSignal('reject');
      }
    },
    [call, present],
  );

  /** A scan from the camera, the wedge scanner or the paste box. */
  const scan = useCallback((token: string) => verify(token.trim(), null), [verify]);

  /** Re-checks the shown card for the parent entered (Art. 22). */
  const reverify = useCallback(
    (beneficiary: string) => {
      const current = phaseRef.current;
      if (current.kind !== 'verdict' && current.kind !== 'needs-beneficiary') return Promise.resolve();
      return verify(current.token, beneficiary);
    },
    [verify],
  );

  /** Records the shown accept with what the operator entered. */
  const confirm = useCallback(
    async (input: RecordInput) => {
      const current = phaseRef.current;
      if (current.kind !== 'verdict' || busy) return;
      setBusy(true);
      setRecordError(null);
      const result = await call('card.record', {
        decisionId: current.view.id,
        companions: input.companions,
        idChecked: input.idChecked,
        ...(input.ticket !== undefined ? { ticket: input.ticket } : {}),
      });
      setBusy(false);
      opts.current.onActivity();
      if (!result.ok) {
        setRecordError(errorText(result.error));
        if (opts.current.sounds) playSignal('reject');
        return;
      }
      const name = holderOf(current.view.decision.card)?.name ?? '';
      setNotice({ tone: 'ok', text: COUNTER_TEXT[opts.current.locale].recorded(name, companionTotal(input.companions)) });
      setPhase({ kind: 'scanning' });
    },
    [busy, call],
  );

  /** Leaves the verdict without recording anything. */
  const cancel = useCallback(() => {
    const current = phaseRef.current;
    if (current.kind === 'needs-beneficiary') {
      setRecordError(null);
      setPhase({ kind: 'scanning' });
      return;
    }
    if (current.kind !== 'verdict') return;
    const unrecordedAccept = current.view.decision.decision === 'accept' && current.view.autoRecorded === null;
    // A gate that did not open stays said on the scan screen until the next card.
    if (current.view.gate?.state !== 'failed') setNotice(unrecordedAccept ? { tone: 'info', text: COUNTER_TEXT[opts.current.locale].cancelled } : null);
    setRecordError(null);
    setPhase({ kind: 'scanning' });
  }, []);

  return { phase, notice, busy, recordError, scan, reverify, confirm, cancel };
}
