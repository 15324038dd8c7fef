import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Locale } from '../../../shared/i18n/locale.js';

const LocaleContext = createContext<Locale>('zh');

/** Provides the UI language and keeps <html lang> in step with it (screen readers, CJK font choice). */
export function LocaleProvider(props: { locale: Locale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = props.locale === 'zh' ? 'zh-CN' : 'en';
    document.title = props.locale === 'zh' ? '金卡核验终端 · Jinka' : 'Jinka · Talent card terminal';
  }, [props.locale]);
  return <LocaleContext.Provider value={props.locale}>{props.children}</LocaleContext.Provider>;
}

/** The current UI language. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** Picks the current language's entry of a string table. */
export function useText<T>(table: Readonly<Record<Locale, T>>): T {
  return table[useLocale()];
}
