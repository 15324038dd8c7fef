/** A gate output: one pulse opens the gate for one passage. Throws GateError when it could not. */
export interface GateDriver {
  pulse(): Promise<void>;
}

/** Why the gate did not open, in words for the screen and the audit entry (never a stack trace). */
export class GateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GateError';
  }
}

/** Rejects with a GateError after `ms` unless `work` settles first. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new GateError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms` (the pulse length). */
export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A short reason from anything thrown by a device library. */
export function gateErrorText(error: unknown): string {
  if (error instanceof GateError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}
