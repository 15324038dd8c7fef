import { useCallback, useEffect, useState } from 'react';
import type { OperatorView, TerminalSettings } from '../../../shared/api/api-types.js';
import type { ApiOutputs } from '../../../shared/api/terminal-api.js';
import { useApi } from '../api/api-context.js';
import { runAsync } from '../util/run-async.js';

/** A service of the catalogue, as the UI lists it. */
export type CatalogueEntry = ApiOutputs['catalogue.list'][number];

/** What the app loads before anyone signs in: who is signed in already, the settings and the catalogue. */
export function useTerminalInfo(setOperator: (operator: OperatorView | null) => void) {
  const call = useApi();
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const reload = useCallback(() => {
    runAsync(
      Promise.all([call('settings.get', {}), call('catalogue.list', {}), call('session.current', {})]).then(([s, c, o]) => {
        if (s.ok) setSettings(s.value);
        if (c.ok) setCatalogue(c.value);
        if (o.ok) setOperator(o.value);
        else setOperator(null);
        const broken = [s, c, o].find((r) => !r.ok);
        setFailure(broken !== undefined && !broken.ok ? broken.error.message : null);
      }),
    );
  }, [call, setOperator]);

  useEffect(reload, [reload]);
  return { settings, setSettings, catalogue, failure, reload };
}
