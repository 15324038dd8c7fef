import type { KeyboardEvent } from 'react';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';

export type CardsTab = 'find' | 'issue';
const TABS: readonly CardsTab[] = ['find', 'issue'];

/**
 * The cards page's two tabs, in the order a clerk works: find a card or read the list first,
 * issue one in its own panel. Arrow keys move between tabs (WAI-ARIA tabs pattern).
 */
export function CardsTabs(props: { tab: CardsTab; onTab: (tab: CardsTab) => void }) {
  const t = useText(CARDS_TEXT);
  const keys = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = TABS[(TABS.indexOf(props.tab) + 1) % TABS.length] ?? 'find';
    props.onTab(next);
    document.getElementById(`cards-tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t.title}>
      {TABS.map((tab) => (
        <button
          key={tab}
          id={`cards-tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={props.tab === tab}
          aria-controls="cards-tab-panel"
          tabIndex={props.tab === tab ? 0 : -1}
          className={props.tab === tab ? 'tab selected' : 'tab'}
          onClick={() => props.onTab(tab)}
          onKeyDown={keys}
          data-testid={`cards-tab-${tab}`}
        >
          {t.tab[tab]}
        </button>
      ))}
    </div>
  );
}
