import type { z } from 'zod';
import { sitePolicySchema, type SitePolicy } from '../../../shared/rules/rules-schema.js';
import type { Db } from './database.js';

/** What a site may override of the rules' policy defaults. */
export const sitePolicyOverrideSchema = sitePolicySchema.partial();
/** A site's overrides. */
export type SitePolicyOverride = z.infer<typeof sitePolicyOverrideSchema>;

/** Site settings kept in the terminal database. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  /** The site's policy overrides; an unreadable value counts as none. */
  policyOverride(): SitePolicyOverride {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get('site_policy');
    if (row === undefined) return {};
    const parsed = sitePolicyOverrideSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : {};
  }

  setPolicyOverride(override: SitePolicyOverride): void {
    this.db
      .prepare<[string, string]>('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run('site_policy', JSON.stringify(sitePolicyOverrideSchema.parse(override)));
  }

  /** Rules defaults with the site's overrides on top. */
  effectivePolicy(defaults: SitePolicy): SitePolicy {
    return { ...defaults, ...this.policyOverride() };
  }
}
