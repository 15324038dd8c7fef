/** A failure of the command itself (bad arguments, unreadable file, refused import): exit 2, one line on stderr. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** Exit status of §7: 0 accept, 1 reject, 2 the command could not run. */
export const EXIT = { ok: 0, reject: 1, failed: 2 } as const;
