import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The README's Layout table as lint zones (eslint.layers.js, wired in eslint.config.js):
 * each planted wrong import must be an error of the real config, each allowed one must not.
 * Only the layer rules run here (no type information), so the test stays quick.
 */
const root = resolve(import.meta.dirname, '../..');
const LAYER_RULES = new Set(['jinka/layers', 'no-restricted-globals']);

const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parserOptions: { projectService: false, project: null } } }],
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const wrong: ReadonlyArray<[string, string, string]> = [
  ['shared/ imports the hub', 'shared/planted.ts', "import { Hub } from '../hub/hub.js';\nexport type H = Hub;\n"],
  ['shared/ imports the terminal core', 'shared/decision/planted.ts', "export { Terminal } from '../../electron/core/terminal.js';\n"],
  ['shared/ imports node/', 'shared/planted.ts', "import { auditHash } from '../node/audit/audit-hash.js';\nexport const h = auditHash;\n"],
  ['shared/ imports a Node built-in', 'shared/planted.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
  ['shared/ uses Buffer', 'shared/planted.ts', "export const b = Buffer.from('x');\n"],
  ['shared/ uses process', 'shared/planted.ts', 'export const lang = process.env.JINKA_LANG;\n'],
  ['shared/ uses window', 'shared/planted.ts', 'export const w = window.location.hash;\n'],
  ['renderer/src imports the terminal core', 'renderer/src/planted.tsx', "import { Terminal } from '../../electron/core/terminal.js';\nexport type T = Terminal;\n"],
  ['renderer/src imports node/', 'renderer/src/planted.ts', "import { generateSigningKey } from '../../node/crypto/keys.js';\nexport const g = generateSigningKey;\n"],
  ['renderer/src imports a Node built-in', 'renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
  ['electron/bridge imports electron', 'electron/bridge/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/core imports electron', 'electron/core/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/cli imports electron', 'electron/cli/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/api imports electron', 'electron/api/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/hardware imports electron', 'electron/hardware/gate/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/core imports the hub', 'electron/core/planted.ts', "import { Hub } from '../../hub/hub.js';\nexport type H = Hub;\n"],
  ['electron/core imports the hub lazily', 'electron/core/planted.ts', "export const load = () => import('../../hub/hub.js');\n"],
  ['electron/demo imports the hub', 'electron/demo/planted.ts', "import { Hub } from '../../hub/hub.js';\nexport type H = Hub;\n"],
  ['electron/core imports the API above it', 'electron/core/planted.ts', "import { TerminalService } from '../api/terminal-service.js';\nexport type S = TerminalService;\n"],
  ['electron/main imports the sibling transport', 'electron/main/planted.ts', "export * from '../bridge/http-bridge.js';\n"],
  ['electron/bridge imports the sibling transport', 'electron/bridge/planted.ts', "import { registerIpc } from '../main/ipc.js';\nexport const r = registerIpc;\n"],
  ['electron/counter imports electron', 'electron/counter/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['electron/counter imports a transport', 'electron/counter/planted.ts', "import { startWeb } from '../bridge/start-web.js';\nexport const s = startWeb;\n"],
  ['the hub imports the terminal core', 'hub/usage/planted.ts', "import { Terminal } from '../../electron/core/terminal.js';\nexport type T = Terminal;\n"],
  ['the hub imports electron', 'hub/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['node/ imports the terminal', 'node/crypto/planted.ts', "import { Terminal } from '../../electron/core/terminal.js';\nexport type T = Terminal;\n"],
  ['node/ imports the hub', 'node/planted.ts', "import { Hub } from '../hub/hub.js';\nexport type H = Hub;\n"],
  ['the terminal core loads fastify', 'electron/core/planted.ts', "import Fastify from 'fastify';\nexport const f = Fastify;\n"],
  ['console/src imports the hub', 'console/src/planted.ts', "import { Hub } from '../../hub/hub.js';\nexport type H = Hub;\n"],
  ['console/src imports the counter UI', 'console/src/planted.tsx', "import { App } from '../../renderer/src/app/app.js';\nexport const a = App;\n"],
  ['console/src imports node/', 'console/src/planted.ts', "import { auditHash } from '../../node/audit/audit-hash.js';\nexport const h = auditHash;\n"],
  ['console/src imports a Node built-in', 'console/src/planted.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
  ['console/src loads a package beyond react and zod', 'console/src/planted.ts', "import { Html5Qrcode } from 'html5-qrcode';\nexport const q = Html5Qrcode;\n"],
];

const allowed: ReadonlyArray<[string, string, string]> = [
  ['shared/ imports shared/ and zod', 'shared/planted.ts', "import { z } from 'zod';\nimport { ok } from './result.js';\nexport const x = [z, ok];\n"],
  ['electron/main imports electron and the API', 'electron/main/planted.ts', "import { app } from 'electron';\nimport { TerminalService } from '../api/terminal-service.js';\nexport const a = [app, TerminalService];\n"],
  ['electron/core imports node/ and shared/', 'electron/core/planted.ts', "import { auditHash } from '../../node/audit/audit-hash.js';\nimport { ok } from '../../shared/result.js';\nexport const a = [auditHash, ok];\n"],
  ['the hub imports node/ and shared/', 'hub/planted.ts', "import { auditHash } from '../node/audit/audit-hash.js';\nimport { ok } from '../shared/result.js';\nexport const a = [auditHash, ok];\n"],
  ['both transports open the counter through electron/counter', 'electron/main/planted.ts', "import { openCounter } from '../counter/open-counter.js';\nexport const o = openCounter;\n"],
  ['both transports import renderer-host/', 'electron/bridge/planted.ts', "import { RENDERER_CSP } from '../renderer-host/security-headers.js';\nexport const c = RENDERER_CSP;\n"],
  ['renderer/src imports shared/ and react', 'renderer/src/planted.tsx', "import { useState } from 'react';\nimport { ok } from '../../shared/result.js';\nexport const a = [useState, ok];\n"],
  [
    'console/src imports shared/, react, react-dom and zod',
    'console/src/planted.tsx',
    "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { z } from 'zod';\nimport { CONSOLE_API } from '../../shared/console/console-api.js';\nexport const a = [useState, createRoot, z, CONSOLE_API];\n",
  ],
];

describe('layer zones (README, Layout)', () => {
  it.each(wrong)('refuses: %s', async (_what, file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('jinka/layers') || e.startsWith('no-restricted-globals'))).toBe(true);
  });

  it.each(allowed)('allows: %s', async (_what, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('finds no layer error in the tree as it is', async () => {
    const results = await eslint.lintFiles(['shared', 'node', 'electron', 'hub', 'renderer/src', 'console/src']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(errors).toEqual([]);
    expect(results.length).toBeGreaterThan(200);
  }, 60_000);
});
