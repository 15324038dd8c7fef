import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import type { Hub } from '../hub.js';
import { freshenBundles } from './bundle-query.js';
import { fullRevocationBundle, relayedChain } from './revocation-bundles.js';
import { trustFileText } from './versioned-bundles.js';

/** Writes a file whole or not at all: FILE.partial, fsync, rename. */
export function writeFileAtomic(path: string, text: string): void {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/** What `publish --out` wrote. */
export interface PublishedFiles {
  bundlesFile: string;
  trustFile: string;
  bundles: number;
}

/**
 * Writes what the hub publishes for a site without network (a USB stick):
 *   bundles.jwt — every trust version, the rules and the full revocation lists, one signed
 *                 bundle per line in import order (`jinka import bundles.jwt`; what a
 *                 terminal already holds is skipped);
 *   provision/trust.json — the plain trust file, for a terminal's first provisioning only.
 */
export async function publishToDir(hub: Hub, outDir: string): Promise<PublishedFiles> {
  await freshenBundles(hub);
  mkdirSync(join(outDir, 'provision'), { recursive: true });
  const lines: string[] = [`# ${hub.settings.bureauName} — jinka bundles of ${formatShanghai(hub.now())}; import with: jinka import bundles.jwt`];
  const trust = await hub.store.bundles.after('jinka/trust', 0);
  lines.push(...trust.map((b) => b.jws));
  const rules = await hub.store.bundles.latest('jinka/rules');
  if (rules !== undefined) lines.push(rules.jws);
  lines.push(await fullRevocationBundle(hub));
  for (const { iss } of await hub.store.bundles.relayedHeads()) {
    if (iss !== hub.settings.iss) lines.push(...relayedChain(await hub.store.bundles.relayed(iss), 0));
  }
  const bundlesFile = join(outDir, 'bundles.jwt');
  writeFileAtomic(bundlesFile, `${lines.join('\n')}\n`);
  const trustFile = join(outDir, 'provision', 'trust.json');
  writeFileAtomic(trustFile, await trustFileText(hub));
  return { bundlesFile, trustFile, bundles: lines.length - 1 };
}
