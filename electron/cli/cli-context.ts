import type { Locale } from '../../shared/i18n/locale.js';

/** Where a command writes and in which language it speaks. */
export interface CliContext {
  locale: Locale;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard input as text (for `verify -`). */
  readStdin: () => string;
  env: NodeJS.ProcessEnv;
}

/** Picks the language: JINKA_LANG=en for English, Simplified Chinese otherwise. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return (env.JINKA_LANG ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** Chooses the text for the context's language. */
export function t(ctx: Pick<CliContext, 'locale'>, zh: string, en: string): string {
  return ctx.locale === 'en' ? en : zh;
}
