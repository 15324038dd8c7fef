import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

/** A polite-but-prompt live region: screen readers speak each verdict as it appears. */
export function AnnouncerProvider(props: { children: ReactNode }) {
  const [message, setMessage] = useState({ text: '', serial: 0 });
  const announce = useCallback((text: string) => setMessage((m) => ({ text, serial: m.serial + 1 })), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {props.children}
      <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="announcer">
        {/* The key makes a repeated text a new announcement. */}
        <span key={message.serial}>{message.text}</span>
      </div>
    </AnnounceContext.Provider>
  );
}

/** Announces a short text to assistive technology. */
export function useAnnounce(): (text: string) => void {
  return useContext(AnnounceContext);
}
