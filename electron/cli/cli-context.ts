import type { Locale } from '../../shared/i18n/locale.js';

/** Where a command writes and in which language it speaks. */
export interface CliContext {
  locale: Locale;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard input as text (for `verify -`, `--pin -`), at most `maxBytes` (a bounded default); more is refused, `why` saying what the limit is for. */
  readStdin: (maxBytes?: number, why?: string) => string;
  env: NodeJS.ProcessEnv;
  /** Text on standard output exactly as given (the CSV of `jinka export`); the process's stdout when absent. */
  write?: (text: string) => void;
  /** The clock the terminal is opened with; Date.now when absent (a test passes its own). */
  now?: () => number;
}

export { localeFromEnv } from '../../node/cli/cli-kit.js';

/** Chooses the text for the context's language. */
export function t(ctx: Pick<CliContext, 'locale'>, zh: string, en: string): string {
  return ctx.locale === 'en' ? en : zh;
}
