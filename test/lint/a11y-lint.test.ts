import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The counter UI is linted for accessibility (jsx-a11y's strict set, wired in eslint.config.js):
 * each planted fault must be an error of the real config for renderer/src, and the accessible
 * form of it must not be. Only the a11y rules run here (no type information), so it stays quick.
 */
const root = resolve(import.meta.dirname, '../..');

const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId.startsWith('jsx-a11y-x/'),
  overrideConfig: [{ files: ['**/*.tsx'], languageOptions: { parserOptions: { projectService: false, project: null } } }],
});

async function a11yErrors(code: string, filePath = 'renderer/src/planted.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? `parse: ${m.message}`);
}

const component = (jsx: string): string => `export function Planted() {\n  return (\n    ${jsx}\n  );\n}\n`;

const faults: ReadonlyArray<[string, string, string]> = [
  ['a clickable div a keyboard cannot reach', '<div onClick={() => undefined}>确认</div>', 'jsx-a11y-x/click-events-have-key-events'],
  ['an image with no text alternative', '<img src="card.png" />', 'jsx-a11y-x/alt-text'],
  ['a button with no accessible name', '<button type="button"><svg /></button>', 'jsx-a11y-x/control-has-associated-label'],
  ['a label tied to no control', '<label>终端编号</label>', 'jsx-a11y-x/label-has-associated-control'],
  ['a positive tabIndex that breaks the tab order', '<button type="button" tabIndex={2}>确认</button>', 'jsx-a11y-x/tabindex-no-positive'],
  ['focus taken on mount', '<input aria-label="票号" autoFocus />', 'jsx-a11y-x/no-autofocus'],
  ['a misspelt ARIA attribute', '<p aria-lable="状态">在线</p>', 'jsx-a11y-x/aria-props'],
  ['a role that does not exist', '<p role="banner-status">在线</p>', 'jsx-a11y-x/aria-role'],
];

describe('accessibility lint of the counter UI', () => {
  it.each(faults)('fails on %s', async (_what, jsx, rule) => {
    expect(await a11yErrors(component(jsx))).toContain(rule);
  });

  it('passes the accessible forms of the same markup', async () => {
    const fine = component(`<div>
      <button type="button" onClick={() => undefined}>确认</button>
      <img src="card.png" alt="金卡正面" />
      <button type="button" aria-label="关闭"><svg aria-hidden="true" /></button>
      <label>终端编号 <input name="terminalId" /></label>
      <p role="status" aria-live="polite">在线</p>
    </div>`);
    expect(await a11yErrors(fine)).toEqual([]);
  });

  it('applies to the renderer, not to the other layers', async () => {
    expect(await a11yErrors(component('<img src="card.png" />'), 'electron/main/planted.tsx')).toEqual([]);
  });
});
