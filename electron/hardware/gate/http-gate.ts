import type { GateSettings } from '../../../shared/hardware/hardware-settings.js';
import { GateError, gateErrorText, type GateDriver } from './gate-driver.js';

type HttpSettings = Extract<GateSettings, { kind: 'http' }>;

/**
 * A gate controller's web API: one request (method and URL a supervisor set), the gate
 * opened when the answer has the expected status. It sends nothing about the card or holder,
 * follows no redirect (a redirect is a failure) and gives up after the timeout.
 */
export function httpGate(settings: HttpSettings): GateDriver {
  const where = `${settings.method} ${new URL(settings.url).origin}`;
  return {
    async pulse() {
      let status: number;
      try {
        const answer = await fetch(settings.url, { method: settings.method, redirect: 'manual', signal: AbortSignal.timeout(settings.timeoutMs) });
        status = answer.status;
        await answer.body?.cancel();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
        throw new GateError(timedOut ? `${where}: no answer within ${settings.timeoutMs} ms` : `${where}: ${gateErrorText(cause)}`);
      }
      if (status !== settings.expectedStatus) throw new GateError(`${where}: answered ${status}, expected ${settings.expectedStatus}`);
    },
  };
}
