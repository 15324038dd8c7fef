import type { SettingsStore } from './settings-store.js';

/** Settings key of the counter's own settings (the §6 policy lives apart, under `site_policy`). */
const KEY = 'terminal';

/** The counter's own settings (site name, service, modes) as stored JSON; the caller validates. */
export class CounterSettingsStore {
  constructor(private readonly settings: SettingsStore) {}

  /** The stored value; undefined when none or not JSON. */
  read(): unknown {
    return this.settings.json(KEY);
  }

  /** Stores the value as JSON; call inside the transaction that audits the change. */
  write(value: unknown): void {
    this.settings.setJson(KEY, value);
  }
}
