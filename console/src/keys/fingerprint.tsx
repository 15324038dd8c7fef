import { useRef, useState } from 'react';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';

/** A thumbprint in groups of four for reading aloud (the groups are spans: a copy gives the bare value). */
export function groups(thumbprint: string): string[] {
  return thumbprint.match(/.{1,4}/g) ?? [];
}

/**
 * A key's whole RFC 7638 thumbprint, grouped and selectable, with a copy button. Outside a secure
 * context (a hub served over plain HTTP on the office network) the browser has no clipboard API:
 * the button then selects the value and says to press Ctrl+C.
 */
export function Fingerprint(props: { value: string; label: string }) {
  const t = useText(KEYS_TEXT);
  const code = useRef<HTMLElement>(null);
  const [said, setSaid] = useState<string | undefined>();
  const select = () => {
    const node = code.current;
    const selection = window.getSelection();
    if (node === null || selection === null) return;
    const range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  const copy = () => {
    const clipboard = window.isSecureContext ? navigator.clipboard : undefined;
    if (clipboard === undefined) {
      select();
      setSaid(t.selected);
      return;
    }
    clipboard.writeText(props.value).then(
      () => setSaid(t.copied),
      () => {
        select();
        setSaid(t.selected);
      },
    );
  };
  return (
    <span className="fingerprint">
      <code ref={code} data-value={props.value}>
        {groups(props.value).map((g, i) => (
          <span key={i} className="fp-group">
            {g}
          </span>
        ))}
      </code>
      <button type="button" className="button quiet" onClick={copy} aria-label={t.copyLabel(props.label)}>
        {t.copy}
      </button>
      <span role="status" className="hint">
        {said}
      </span>
    </span>
  );
}
