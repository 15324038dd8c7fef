import { useState } from 'react';
import { CARD_PATHS, reissueCardResponseSchema, revokeCardResponseSchema } from '../../../shared/console/card-api.js';
import { apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';

/**
 * Revoke or re-issue (Art. 34): a reason is required, and the card number typed again is the
 * confirmation (the hub checks it too: CONFIRMATION_MISMATCH), so a slip of the mouse withdraws nothing.
 */
export function WithdrawCard(props: { sub: string; onDone: (words: string, newSub?: string) => void }) {
  const t = useText(CARDS_TEXT);
  const { csrfToken } = useSession();
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const { run, busy, problem } = useAction();
  const ready = reason.trim().length >= 2 && confirm.trim().toUpperCase() === props.sub;

  const withdraw = (kind: 'revoke' | 'reissue') =>
    void run(async () => {
      const body = { reason: reason.trim(), confirmSub: confirm.trim().toUpperCase() };
      if (kind === 'revoke') {
        await apiPost(CARD_PATHS.revoke(props.sub), csrfToken, body, revokeCardResponseSchema);
        props.onDone(t.revoked(props.sub));
      } else {
        const answer = await apiPost(CARD_PATHS.reissue(props.sub), csrfToken, body, reissueCardResponseSchema);
        props.onDone(t.reissued(props.sub, answer.card.sub), answer.card.sub);
      }
    });

  return (
    <form className="withdraw" aria-labelledby="withdraw-title" onSubmit={(e) => e.preventDefault()} data-testid="withdraw">
      <h3 id="withdraw-title">{t.withdrawTitle}</h3>
      <p className="lead">{t.withdrawLead}</p>
      <label className="field">
        <span>{t.reason}</span>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="withdraw-reason" />
      </label>
      <label className="field">
        <span>{t.confirmSub(props.sub)}</span>
        <input type="text" value={confirm} onChange={(e) => setConfirm(e.target.value)} spellCheck={false} autoComplete="off" data-testid="withdraw-confirm" />
      </label>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy || !ready} onClick={() => withdraw('reissue')} data-testid="reissue-submit">
          {t.reissue}
        </button>
        <button type="button" className="button danger-filled" disabled={busy || !ready} onClick={() => withdraw('revoke')} data-testid="revoke-submit">
          {t.revoke}
        </button>
      </div>
    </form>
  );
}
