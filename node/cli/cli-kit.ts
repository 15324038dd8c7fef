import type { Locale } from '../../shared/i18n/locale.js';

/** The language of a command line (`jinka`, `jinka-hub`): JINKA_LANG=en for English, Simplified Chinese otherwise. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return (env.JINKA_LANG ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/**
 * A reader that stopped reading (`… | head`) wants no more output: the process exits with
 * `exitCode`, quietly, instead of dying on EPIPE with a stack trace. Any other stream error is rethrown.
 */
export function exitQuietlyOnClosedPipe(exitCode: number, streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(exitCode);
      throw error;
    });
  }
}
