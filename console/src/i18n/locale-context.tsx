import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Locale } from '../../../shared/i18n/locale.js';

const LocaleContext = createContext<Locale>('zh');

/** Provides the console's language and keeps <html lang> and the title in step with it. */
export function LocaleProvider(props: { locale: Locale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = props.locale === 'zh' ? 'zh-CN' : 'en';
    document.title = props.locale === 'zh' ? '金卡管理控制台 · Jinka' : 'Jinka · Bureau console';
  }, [props.locale]);
  return <LocaleContext.Provider value={props.locale}>{props.children}</LocaleContext.Provider>;
}

/** The current language. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** Picks the current language's entry of a string table (a table lacking a key or a language does not compile). */
export function useText<T>(table: Readonly<Record<Locale, T>>): T {
  return table[useLocale()];
}
