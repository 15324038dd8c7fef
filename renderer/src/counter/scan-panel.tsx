import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';
import { PasteBox } from '../scanner/paste-box.js';
import type { Notice } from './use-counter.js';

/** The waiting state: what to do, the last outcome, and the paste fallback. */
export function ScanPanel(props: {
  serviceName: string;
  verifying: boolean;
  notice: Notice | null;
  paste: string;
  onPaste: (value: string) => void;
  onSubmit: (text: string) => void;
}) {
  const t = useText(COUNTER_TEXT);
  const status = props.verifying ? { tone: 'info', text: t.verifying } : props.notice;
  return (
    <section className="scan-panel" aria-labelledby="scan-prompt">
      <p className="scan-service">{props.serviceName}</p>
      <h1 id="scan-prompt" className="scan-prompt">
        {t.scanPrompt}
      </h1>
      <p className="scan-hint">{t.scanHint}</p>
      <p className={`scan-status scan-status-${status?.tone ?? 'idle'}`} role="status" data-testid="scan-status" data-state={props.verifying ? 'verifying' : (props.notice?.tone ?? 'idle')}>
        {status?.text ?? t.wedgeReady}
      </p>
      <PasteBox value={props.paste} onChange={props.onPaste} onSubmit={props.onSubmit} />
    </section>
  );
}
