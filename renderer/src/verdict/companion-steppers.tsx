import { RELATIONS, type Companions, type Relation } from '../../../shared/relations.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/**
 * Steppers for the companions of Art. 18–20; a relation the service does not admit is not shown, and no
 * count passes its limit. At a limit the button stays focusable (aria-disabled) so keyboard focus is not lost.
 */
export function CompanionSteppers(props: { limits: Record<Relation, number>; value: Companions; onChange: (value: Companions) => void }) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const shown = RELATIONS.filter((r) => props.limits[r] > 0);
  if (shown.length === 0) return null;
  const set = (relation: Relation, count: number): void => {
    const clamped = Math.max(0, Math.min(props.limits[relation], count));
    props.onChange({ ...props.value, [relation]: clamped });
  };
  return (
    <fieldset className="companions" data-testid="companions">
      <legend>{t.companions}</legend>
      {shown.map((relation) => {
        const count = props.value[relation] ?? 0;
        const limit = props.limits[relation];
        const name = RELATION_TEXT[relation][locale];
        return (
          <div key={relation} className="stepper-row">
            <span className="stepper-label">{name}</span>
            <button
              type="button"
              className="stepper-button"
              data-testid={`companion-${relation}-dec`}
              aria-label={t.fewer(name)}
              aria-disabled={count <= 0}
              onClick={() => set(relation, count - 1)}
            >
              −
            </button>
            <output className="stepper-value" data-testid={`companion-${relation}-value`} aria-live="polite">
              {count}
            </output>
            <button
              type="button"
              className="stepper-button"
              data-testid={`companion-${relation}-inc`}
              aria-label={t.more(name)}
              aria-disabled={count >= limit}
              onClick={() => set(relation, count + 1)}
            >
              +
            </button>
            <span className="stepper-limit">{t.companionsMax(limit)}</span>
          </div>
        );
      })}
    </fieldset>
  );
}
