import type { ReactNode } from 'react';

/** A labelled text input with a settings-<name> test id. */
export function TextField(props: { name: string; label: string; hint?: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <input data-testid={`settings-${props.name}`} type="text" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}

/** A labelled whole-number input; keeps the text as typed so the operator can clear and retype it. */
export function NumberField(props: { name: string; label: string; value: string; min: number; max: number; step?: number; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <input
        data-testid={`settings-${props.name}`}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** A tick box with its label (and an optional hint underneath). */
export function CheckField(props: { name: string; label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check-field">
      <input data-testid={`settings-${props.name}`} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span>
        {props.label}
        {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
      </span>
    </label>
  );
}

/** A labelled drop-down. */
export function SelectField(props: { name: string; label: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <select data-testid={`settings-${props.name}`} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </label>
  );
}
