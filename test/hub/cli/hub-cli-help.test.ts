import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localeFromEnv } from '../../../node/cli/cli-kit.js';
import { HUB_COMMAND_NAMES } from '../../../hub/cli/hub-cli-help.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';

/** Runs one `jinka-hub` command line in-process in the language JINKA_LANG names (Chinese when unset). */
async function hub(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ status: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: HubCliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env, lang: localeFromEnv(env), stopSignal: () => new Promise(() => undefined) };
  return { status: await runHubCli(argv, ctx), out: out.join('\n'), err };
}

const dir = mkdtempSync(join(tmpdir(), 'jinka-hub-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jinka-hub COMMAND --help', () => {
  it.each(HUB_COMMAND_NAMES.map((n) => [n]))('%s --help prints that command’s usage in Chinese by default, exit 0, without opening a hub', async (name) => {
    // A data folder that holds no hub and no passphrase: help must not need either.
    const zh = await hub({ JINKA_HUB_DATA_DIR: join(dir, 'none') }, name, '--help');
    expect(zh).toMatchObject({ status: 0, err: [] });
    expect(zh.out).toMatch(/^用法:/);
    expect(zh.out).toContain(`jinka-hub ${name}`);
    expect(zh.out).not.toContain(`jinka-hub ${HUB_COMMAND_NAMES.find((n) => n !== name && !n.startsWith(name) && !name.startsWith(n)) ?? ''} `);
    const en = await hub({ JINKA_LANG: 'en' }, name, '-h');
    expect(en.status).toBe(0);
    expect(en.out).toMatch(/^usage:/);
    expect(en.out).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await hub({}, 'help', name)).out).toBe(zh.out);
  });

  it('help lists every command; help with an unknown topic is the overview, exit 0; no command is exit 2', async () => {
    const overview = await hub({ JINKA_LANG: 'en' }, 'help');
    expect(overview.status).toBe(0);
    for (const name of HUB_COMMAND_NAMES) expect(overview.out).toContain(`jinka-hub ${name} `);
    expect(overview.out).toContain('jinka-hub COMMAND --help');
    expect((await hub({}, 'help', 'nope')).status).toBe(0);
    expect((await hub({})).status).toBe(2);
  });

  it('--help after an unknown command is still an unknown command', async () => {
    expect(await hub({}, 'nope', '--help')).toMatchObject({ status: 2, err: ['jinka-hub: 未知命令“nope”（jinka-hub help 列出全部命令）'] });
  });
});

describe('jinka-hub command errors are codes worded per language', () => {
  const passphrase = join(dir, 'passphrase');
  writeFileSync(passphrase, 'correct horse\n');
  const cases: [string[], string, string][] = [
    [['audit', 'nope'], 'jinka-hub: 用法: jinka-hub audit verify [--json]', 'jinka-hub: usage: jinka-hub audit verify [--json]'],
    [['publish'], 'jinka-hub: 用法: jinka-hub publish --out DIR', 'jinka-hub: usage: jinka-hub publish --out DIR'],
    [['issue', '--name', 'A'], 'jinka-hub: issue 须填写 --id-number、--category、--from、--until', 'jinka-hub: issue needs --id-number, --category, --from, --until'],
    [['report', '--from', '2026-13-01'], 'jinka-hub: --from“2026-13-01”不是日期（YYYY-MM-DD）', 'jinka-hub: --from "2026-13-01" is not a date (YYYY-MM-DD)'],
    [['report', '--flags', '1.5'], 'jinka-hub: --flags 须为非负整数', 'jinka-hub: --flags must be a whole number'],
    [['demo', '--data-dir', dir], 'jinka-hub: demo 使用 --dir DIR（整个演示目录），不用 --data-dir', 'jinka-hub: demo takes --dir DIR (the whole demo folder), not --data-dir'],
    [['publish', '--out', dir, '--bogus'], 'jinka-hub: 参数有误：', 'jinka-hub: '],
    [['publish', '--out', dir, '--passphrase-file', passphrase, '--data-dir', join(dir, 'none')], 'jinka-hub: 数据目录不存在或无法建立：请检查 --data-dir', `jinka-hub: ${join(dir, 'none')} does not exist`],
    [['enrol-code', '--site', 'A', '--service', 'cinema', '--hours', '9000'], 'jinka-hub: --hours 须为 0 至 720 之间的小时数', 'jinka-hub: --hours must be a number of hours between 0 and 720'],
    [['enrol-code', '--site', 'A', '--service', 'cinema', '--url', 'https://u:p@hub.example'], 'jinka-hub: --url 须为 https://', 'jinka-hub: --url must be an https://'],
    [['rules', 'nope'], 'jinka-hub: 用法: jinka-hub rules set FILE | show', 'jinka-hub: usage: jinka-hub rules set FILE | show'],
  ];
  it.each(cases.map((c) => [c[0].join(' '), ...c] as const))('jinka-hub %s: one line, exit 2, in the chosen language', async (_label, argv, zh, en) => {
    const chinese = await hub({}, ...argv);
    expect(chinese.status).toBe(2);
    expect(chinese.err).toHaveLength(1);
    expect(chinese.err[0]?.slice(0, zh.length)).toBe(zh);
    const english = await hub({ JINKA_LANG: 'en' }, ...argv);
    expect(english.status).toBe(2);
    expect(english.err).toHaveLength(1);
    expect(english.err[0]?.slice(0, en.length)).toBe(en);
    expect(english.err[0]).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
