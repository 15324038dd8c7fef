import type { z } from 'zod';
import { sitePolicySchema, type SitePolicy } from '../../../shared/rules/rules-schema.js';
import type { Db } from './database.js';

/**
 * What a site may override of the rules' policy defaults. `escalate` loses its default
 * here: an override that does not name it must not reset the rules' escalations to []. A key
 * is absent or holds a value, never undefined: spread over the defaults, it must not erase one.
 */
export const sitePolicyOverrideSchema = sitePolicySchema.extend({ escalate: sitePolicySchema.shape.escalate.unwrap() }).exactPartial();
/** A site's overrides. */
export type SitePolicyOverride = z.infer<typeof sitePolicyOverrideSchema>;

/** Site settings kept in the terminal database. */
export class SettingsStore {
  private readonly getStmt;
  private readonly setStmt;
  /**
   * The overrides last read, by the stored text they were parsed from. The row is read on
   * every call (so a change by any connection is seen at once); only the JSON and schema
   * parse, which dominated a decision's policy lookup, is skipped while the text is unchanged.
   */
  private parsed: { text: string; override: SitePolicyOverride } | undefined;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  private readOverride(): SitePolicyOverride {
    const row = this.getStmt.get('site_policy');
    if (row === undefined) return {};
    if (this.parsed === undefined || this.parsed.text !== row.value) {
      const parsed = sitePolicyOverrideSchema.safeParse(JSON.parse(row.value));
      this.parsed = { text: row.value, override: parsed.success ? parsed.data : {} };
    }
    return this.parsed.override;
  }

  /** The site's policy overrides; an unreadable value counts as none. */
  policyOverride(): SitePolicyOverride {
    const override = this.readOverride();
    // A copy: the parsed value is kept for the next read, so callers must not share it.
    return override.escalate === undefined ? { ...override } : { ...override, escalate: [...override.escalate] };
  }

  setPolicyOverride(override: SitePolicyOverride): void {
    this.setStmt.run('site_policy', JSON.stringify(sitePolicyOverrideSchema.parse(override)));
  }

  /** Rules defaults with the site's overrides on top. */
  effectivePolicy(defaults: SitePolicy): SitePolicy {
    return { ...defaults, ...this.readOverride() };
  }

  /** A setting stored as JSON; undefined when missing or not JSON (an unreadable value counts as none). */
  json(key: string): unknown {
    const row = this.getStmt.get(key);
    if (row === undefined) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Stores a setting as JSON; call inside the transaction that audits the change. */
  setJson(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }
}
