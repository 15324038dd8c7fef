import type { Locale } from '../../shared/i18n/locale.js';

/** Where a command writes and in which language it speaks. */
export interface CliContext {
  locale: Locale;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard input as text (for `verify -`, `--pin -`), at most `maxBytes` (a bounded default); more is refused, `why` saying what the limit is for. */
  readStdin: (maxBytes?: number, why?: string) => string;
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
