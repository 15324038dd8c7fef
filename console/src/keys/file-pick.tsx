import { useState, type ChangeEvent } from 'react';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';

/** A chosen text file: its name (shown back, never trusted) and its text. */
export interface PickedFile {
  fileName: string;
  text: string;
}

/**
 * A file picker in the console's words (the browser's own button speaks the browser's language,
 * as on the rules page): a file over `maxBytes` is refused here, before any upload.
 */
export function FilePick(props: { id: string; label: string; accept: string; maxBytes: number; file: PickedFile | undefined; onPick: (file: PickedFile | undefined) => void }) {
  const t = useText(KEYS_TEXT);
  const [tooLarge, setTooLarge] = useState(false);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setTooLarge(chosen !== undefined && chosen.size > props.maxBytes);
    if (chosen === undefined || chosen.size > props.maxBytes) {
      props.onPick(undefined);
      return;
    }
    void chosen.text().then((text) => props.onPick({ fileName: chosen.name, text }));
  };
  return (
    <div className="field">
      <span id={`${props.id}-label`}>{props.label}</span>
      <div className="file-pick">
        <input
          id={`${props.id}-input`}
          type="file"
          className="visually-hidden"
          accept={props.accept}
          onChange={choose}
          aria-labelledby={`${props.id}-label ${props.id}-choose`}
          data-testid={`${props.id}-file`}
        />
        <label htmlFor={`${props.id}-input`} id={`${props.id}-choose`} className="button">
          {t.chooseFile}
        </label>
        <span className="hint" data-testid={`${props.id}-file-name`}>
          {tooLarge ? t.fileTooLarge(Math.floor(props.maxBytes / 1024)) : (props.file?.fileName ?? t.noFile)}
        </span>
      </div>
    </div>
  );
}
