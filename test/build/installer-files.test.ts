import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The counter's installer (electron-builder.yml `files:`) packs what the counter runs and
 * nothing of the hub: everything electron/ reaches by import is packed, no package it
 * needs (directly or through another package) is left out, and the hub's are.
 */
const root = resolve(import.meta.dirname, '../..');
const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const patterns = (yml.split(/^files:\n/m)[1] ?? '')
  .split('\n')
  .filter((line) => line.startsWith('  - '))
  .map((line) => line.slice(4).replace(/^"|"$/g, ''));
const packed = patterns.filter((p) => !p.startsWith('!'));
const leftOut = new Set(patterns.filter((p) => p.startsWith('!node_modules/')).map((p) => p.slice('!node_modules/'.length).replace(/\/\*\*$/, '')));

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(posix.join(dir, e.name)) : /\.(ts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [posix.join(dir, e.name)] : [],
  );

/** Every source file electron/ reaches by relative import, and every package named on the way. */
function reach(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = sourceFiles('electron');
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) pending.push(relative(root, resolve(root, dirname(file), spec)).split('\\').join('/').replace(/\.c?js$/, (e) => (e === '.cjs' ? '.cts' : '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  }
  return { files, packages };
}

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** The installed packages `names` load, through their own dependencies (npm's nested-then-hoisted lookup). */
function closure(names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    let at = from;
    let key = `${at}node_modules/${name}`;
    while (lock.packages[key] === undefined && at !== '') {
      at = at.replace(/node_modules\/(@[^/]+\/)?[^/]+\/$/, '');
      key = `${at}node_modules/${name}`;
    }
    const entry = lock.packages[key];
    if (entry === undefined || seen.has(key)) return;
    seen.add(key);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep, `${key}/`);
  };
  for (const name of names) visit(name, '');
  return new Set([...seen].map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)));
}

describe('the counter installer (electron-builder.yml files:)', () => {
  const { files, packages } = reach();

  it('packs every folder electron/ reaches and not the hub or the tests', () => {
    const folders = new Set([...files].map((f) => f.split('/')[0]));
    expect([...folders].sort()).toEqual(['electron', 'node', 'shared']);
    for (const folder of folders) expect(packed).toContain(`dist/${folder}/**/*`);
    expect(packed).toContain('dist/renderer/**/*');
    expect(packed.filter((p) => p.startsWith('dist/') && !/^dist\/(electron|node|shared|renderer)\//.test(p))).toEqual([]);
  });

  it('leaves out fastify, pdfkit and jsonwebtoken, which the counter never loads', () => {
    for (const name of ['fastify', 'pdfkit', 'jsonwebtoken']) {
      expect(packages.has(name)).toBe(false);
      expect(leftOut.has(name)).toBe(true);
    }
  });

  it('leaves out no package the counter loads, directly or through another', () => {
    const needed = closure([...packages].filter((name) => name !== 'electron'));
    expect(needed.size).toBeGreaterThan(5);
    expect([...needed].filter((name) => leftOut.has(name))).toEqual([]);
  });
});
