import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localeFromEnv } from '../../../node/cli/cli-kit.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';

/** Runs one `jinka-hub` command line in-process in the language JINKA_LANG names (Chinese when unset). */
async function hub(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ status: number; err: string[] }> {
  const err: string[] = [];
  const ctx: HubCliContext = { out: () => undefined, err: (l) => err.push(l), env, lang: localeFromEnv(env), stopSignal: () => new Promise(() => undefined) };
  return { status: await runHubCli(argv, ctx), err };
}

const dir = mkdtempSync(join(tmpdir(), 'jinka-hub-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jinka-hub error lines follow JINKA_LANG (Chinese by default)', () => {
  const empty = join(dir, 'empty-passphrase');
  writeFileSync(empty, '\n');
  const cases: [string[], string, string][] = [
    [['nope'], 'jinka-hub: 未知命令“nope”（jinka-hub help 列出全部命令）', 'jinka-hub: unknown command "nope" (jinka-hub help lists them)'],
    [['publish', '--out', dir], 'jinka-hub: 需要中心口令：请用 --passphrase-file FILE 或设置 JINKA_HUB_PASSPHRASE', 'jinka-hub: the hub passphrase is needed: pass --passphrase-file FILE or set JINKA_HUB_PASSPHRASE'],
    [['publish', '--out', dir, '--passphrase-file', empty], `jinka-hub: 口令文件 ${empty} 为空`, `jinka-hub: the passphrase file ${empty} is empty`],
  ];
  for (const [argv, zh, en] of cases) {
    it(`jinka-hub ${argv[0] ?? ''} ${argv[1] === undefined ? '' : '…'}: one line, exit 2, in the chosen language`, async () => {
      const chinese = await hub({}, ...argv);
      expect(chinese.status).toBe(2);
      expect(chinese.err).toEqual([zh]);
      const english = await hub({ JINKA_LANG: 'en' }, ...argv);
      expect(english.status).toBe(2);
      expect(english.err).toEqual([en]);
    });
  }
});
