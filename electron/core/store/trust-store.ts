import type { KeyObject } from 'node:crypto';
import { keyMaySign, publicJwkSchema, type KeyUse, type PublicJwk, type TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { publicKeyFromJwk } from '../crypto/keys.js';
import type { Db } from './database.js';

interface TrustedKey {
  key: KeyObject;
  jwk: PublicJwk;
}

/** Trusted issuers and their public keys; the KeyObjects are built once per load. */
export class TrustStore {
  private keys = new Map<string, Map<string, TrustedKey>>();

  constructor(private readonly db: Db) {
    this.reload();
  }

  /** Rebuilds the in-memory key map from the database (after a trust import). */
  reload(): void {
    const rows = this.db.prepare<[], { iss: string; jwk: string }>('SELECT iss, jwk FROM issuer_keys').all();
    const keys = new Map<string, Map<string, TrustedKey>>();
    for (const issuer of this.issuers()) keys.set(issuer.iss, new Map());
    for (const row of rows) {
      const jwk = publicJwkSchema.parse(JSON.parse(row.jwk));
      keys.get(row.iss)?.set(jwk.kid, { key: publicKeyFromJwk(jwk), jwk });
    }
    this.keys = keys;
  }

  /** True once any issuer is trusted (plain trust files are refused after that, §5). */
  isProvisioned(): boolean {
    return this.keys.size > 0;
  }

  hasIssuer(iss: string): boolean {
    return this.keys.has(iss);
  }

  /** True when the issuer lists this key id, whatever it may sign. */
  hasKid(iss: string, kid: string): boolean {
    return this.keys.get(iss)?.has(kid) ?? false;
  }

  /** The key to verify with, only when its `jinka_use` allows `use` (§5 "Key usage"). */
  key(iss: string, kid: string, use: KeyUse): KeyObject | undefined {
    const trusted = this.keys.get(iss)?.get(kid);
    return trusted !== undefined && keyMaySign(trusted.jwk, use) ? trusted.key : undefined;
  }

  /** The trusted issuers with their names and key ids. */
  issuers(): { iss: string; name: string; kids: string[] }[] {
    const issuers = this.db.prepare<[], { iss: string; name: string }>('SELECT iss, name FROM issuers ORDER BY iss').all();
    const kids = this.db.prepare<[string], { kid: string }>('SELECT kid FROM issuer_keys WHERE iss = ? ORDER BY kid');
    return issuers.map((i) => ({ ...i, kids: kids.all(i.iss).map((k) => k.kid) }));
  }

  /** Replaces the whole trust list; call inside the import transaction, then reload(). */
  replaceAll(issuers: readonly TrustedIssuer[]): void {
    // Validate every key before anything is written: a bad key refuses the whole list.
    for (const issuer of issuers) for (const jwk of issuer.keys) publicKeyFromJwk(jwk);
    this.db.prepare('DELETE FROM issuer_keys').run();
    this.db.prepare('DELETE FROM issuers').run();
    const addIssuer = this.db.prepare<[string, string]>('INSERT INTO issuers(iss, name) VALUES (?, ?)');
    const addKey = this.db.prepare<[string, string, string]>('INSERT INTO issuer_keys(iss, kid, jwk) VALUES (?, ?, ?)');
    for (const issuer of issuers) {
      addIssuer.run(issuer.iss, issuer.name);
      for (const jwk of issuer.keys) addKey.run(issuer.iss, jwk.kid, JSON.stringify(jwk));
    }
  }
}
