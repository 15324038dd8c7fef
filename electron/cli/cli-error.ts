import { cliErrorText } from './cli-error-text.js';
import type { CliProblem } from './cli-error-codes.js';

/** The codes and their parameters live in cli-error-codes.ts; importers of the error see them here. */
export type { CliErrorCode, CliErrorParams, CliProblem } from './cli-error-codes.js';

/** A failure of the command itself (bad arguments, unreadable file, refused import): exit 2, one line on stderr in the chosen language. */
export class CliError extends Error {
  constructor(
    readonly problem: CliProblem,
    readonly exitCode = 2,
  ) {
    // English in the message, for a stack trace under JINKA_DEBUG; the line the operator sees is worded in their language.
    super(cliErrorText(problem, 'en'));
    this.name = 'CliError';
  }
}

/** Exit status of §7: 0 accept, 1 reject, 2 the command could not run. */
export const EXIT = { ok: 0, reject: 1, failed: 2 } as const;
