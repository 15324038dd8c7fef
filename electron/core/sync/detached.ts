/**
 * Runs a promise deliberately not awaited (a timer's sync round): its failure is handed
 * to `onError` instead of becoming an unhandled rejection.
 */
export function runDetached(promise: Promise<unknown>, onError: (error: unknown) => void): void {
  promise.catch(onError);
}
