import type { KeyObject } from 'node:crypto';
import { keyMaySign, publicJwkSchema, type KeyUse, type PublicJwk, type TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { publicKeyFromJwk } from '../../../node/crypto/keys.js';
import type { Db } from './database.js';

interface TrustedKey {
  key: KeyObject;
  jwk: PublicJwk;
}

/** An issuer_keys row that could not be read as a public key: left out (its cards answer UNKNOWN_KEY), never a reason not to open. */
export interface DamagedKeyRow {
  iss: string;
  kid: string;
  problem: string;
}

/** Reads one stored key, or says why it cannot be used. */
function readKey(row: { iss: string; kid: string; jwk: string }): TrustedKey | DamagedKeyRow {
  try {
    const jwk = publicJwkSchema.parse(JSON.parse(row.jwk));
    if (jwk.kid !== row.kid) return { iss: row.iss, kid: row.kid, problem: `its key says kid ${JSON.stringify(jwk.kid.slice(0, 64))}` };
    return { key: publicKeyFromJwk(jwk), jwk };
  } catch (e) {
    const problem = e instanceof SyntaxError ? 'not JSON' : e instanceof Error && e.name === 'ZodError' ? 'not a P-256 public key (JWK)' : 'not a usable public key';
    return { iss: row.iss, kid: row.kid, problem };
  }
}

/** Trusted issuers and their public keys; the KeyObjects are built once per load. */
export class TrustStore {
  private keys = new Map<string, Map<string, TrustedKey>>();
  private damagedRows: DamagedKeyRow[] = [];

  constructor(private readonly db: Db) {
    this.reload();
  }

  /** Rebuilds the in-memory key map from the database (after a trust import). */
  reload(): void {
    const rows = this.db.prepare<[], { iss: string; kid: string; jwk: string }>('SELECT iss, kid, jwk FROM issuer_keys ORDER BY iss, kid').all();
    const keys = new Map<string, Map<string, TrustedKey>>();
    const damaged: DamagedKeyRow[] = [];
    for (const issuer of this.issuers()) keys.set(issuer.iss, new Map());
    for (const row of rows) {
      // One damaged row (a flipped byte, a hand edit) costs that key only: the terminal still opens.
      const read = readKey(row);
      if ('problem' in read) damaged.push(read);
      else keys.get(row.iss)?.set(read.jwk.kid, read);
    }
    this.keys = keys;
    this.damagedRows = damaged;
  }

  /** issuer_keys rows left out at the last load because they could not be read. */
  damaged(): readonly DamagedKeyRow[] {
    return this.damagedRows;
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
