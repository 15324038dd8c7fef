/** Runs a promise deliberately not awaited (event handlers, effects); a failure is logged, never left unhandled. */
export function runAsync(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    console.error('jinka:', error);
  });
}
