// @ts-check
// The README's Layout table as lint zones: which folder may import which, and which packages.
// A relative import is resolved to the folder it lands in; anything not listed for the
// importing folder is an error. test/, bin/ and the build configs are not zoned.
import { dirname, relative, resolve, sep } from 'node:path';

const root = import.meta.dirname;

/** Packages only the Electron main process, the hub or the renderer may load. */
const electronOnly = ['electron'];
const hubOnly = ['fastify', 'pdfkit'];
const uiOnly = ['react', 'react-dom', 'zxing-wasm', 'html5-qrcode'];

/**
 * Longest folder first wins. `mayImport`: folders (as zones) this one may import.
 * `packages`: `{ only }` lists every package allowed; `{ never }` lists the forbidden ones.
 * @type {ReadonlyArray<{ zone: string; mayImport: readonly string[]; packages: { only: readonly string[] } | { never: readonly string[] } }>}
 */
export const LAYERS = [
  { zone: 'shared', mayImport: ['shared'], packages: { only: ['zod'] } },
  { zone: 'node', mayImport: ['node', 'shared'], packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] } },
  { zone: 'electron/core', mayImport: ['electron/core', 'node', 'shared'], packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] } },
  { zone: 'electron/api', mayImport: ['electron/api', 'electron/core', 'node', 'shared'], packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] } },
  {
    zone: 'electron/hardware',
    mayImport: ['electron/hardware', 'electron/api', 'electron/core', 'node', 'shared'],
    packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] },
  },
  { zone: 'electron/demo', mayImport: ['electron/demo', 'electron/core', 'node', 'shared'], packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] } },
  {
    zone: 'electron/cli',
    mayImport: ['electron/cli', 'electron/core', 'electron/demo', 'node', 'shared'],
    packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] },
  },
  {
    zone: 'electron/counter',
    mayImport: ['electron/counter', 'electron/api', 'electron/core', 'electron/hardware', 'node', 'shared'],
    packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] },
  },
  { zone: 'electron/renderer-host', mayImport: ['electron/renderer-host'], packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] } },
  {
    zone: 'electron/bridge',
    mayImport: ['electron/bridge', 'electron/counter', 'electron/api', 'electron/core', 'electron/demo', 'electron/hardware', 'electron/renderer-host', 'node', 'shared'],
    packages: { never: [...electronOnly, ...hubOnly, ...uiOnly] },
  },
  {
    zone: 'electron/main',
    mayImport: ['electron/main', 'electron/counter', 'electron/api', 'electron/core', 'electron/hardware', 'electron/renderer-host', 'node', 'shared'],
    packages: { never: [...hubOnly, ...uiOnly] },
  },
  { zone: 'hub', mayImport: ['hub', 'node', 'shared'], packages: { never: [...electronOnly, ...uiOnly] } },
  { zone: 'renderer/src', mayImport: ['renderer/src', 'shared'], packages: { only: uiOnly.concat('zod') } },
  // The bureau console's pages: the contracts in shared/, React and zod, nothing of the counter or the hub;
  // qrcode (pure JS, its browser build) draws the authenticator's QR in the page.
  { zone: 'console/src', mayImport: ['console/src', 'shared'], packages: { only: ['react', 'react-dom', 'zod', 'qrcode'] } },
];

/** Folders the layout names but does not zone: they may be imported only where listed above. */
const KNOWN = ['electron', 'renderer', 'console', 'test', 'bin', 'build'];

/** @param {string} path a path relative to the repository, with / */
const zoneOf = (path) => {
  const found = [...LAYERS].sort((a, b) => b.zone.length - a.zone.length).find((l) => path === l.zone || path.startsWith(`${l.zone}/`));
  if (found !== undefined) return found.zone;
  const top = KNOWN.find((k) => path === k || path.startsWith(`${k}/`));
  return top ?? path.split('/')[0] ?? path;
};

/** @param {string} specifier */
const packageOf = (specifier) => {
  if (specifier.startsWith('node:')) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: "imports follow the README's Layout table" },
    schema: [],
    messages: {
      folder: '{{from}}/ may not import {{to}}/ (README, Layout: {{from}}/ may import {{allowed}})',
      package: '{{from}}/ may not import the package {{name}} (README, Layout)',
    },
  },
  create(context) {
    const file = relative(root, context.filename).split(sep).join('/');
    const layer = LAYERS.find((l) => l.zone === zoneOf(file));
    if (layer === undefined) return {};
    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/');
        const to = zoneOf(target);
        if (!layer.mayImport.includes(to)) {
          context.report({ node, messageId: 'folder', data: { from: layer.zone, to, allowed: layer.mayImport.join(', ') } });
        }
        return;
      }
      const name = packageOf(source);
      const rule = layer.packages;
      const refused = 'only' in rule ? !rule.only.includes(name) : rule.never.includes(name);
      if (refused) context.report({ node, messageId: 'package', data: { from: layer.zone, name: name === 'node:' ? source : name } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};

/** Node's and the browser's own globals: shared/ runs in both, so it uses neither. */
const hostGlobals = ['Buffer', 'process', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate', 'window', 'document', 'navigator', 'localStorage', 'self'];

/** The zones as ESLint config objects, for eslint.config.js. */
export const layerConfigs = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { jinka: { rules: { layers: layersRule } } },
    rules: { 'jinka/layers': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...hostGlobals.map((name) => ({ name, message: 'shared/ runs in Node and in the browser: no host globals' }))],
    },
  },
];
