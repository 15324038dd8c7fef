import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeFromEnv, type CliContext } from '../../electron/cli/cli-context.js';
import { CliError } from '../../electron/cli/cli-error.js';
import { COMMAND_NAMES } from '../../electron/cli/cli-help.js';
import { describeFailure, runCli } from '../../electron/cli/main.js';
import { jinkaProcess } from './run-jinka.js';

/** Runs one `jinka` command line in-process in the language JINKA_LANG names (Chinese when unset). */
async function run(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { locale: localeFromEnv(env), out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => '', env };
  const code = await runCli(argv, ctx);
  return { code, out, err };
}

const CJK = /[\u4e00-\u9fff]/;
const EN = { JINKA_LANG: 'en' };
let dir: string;
/** A data folder that must never be made: --help and argument errors open no terminal. */
let untouched: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jinka-words-'));
  untouched = { JINKA_DATA_DIR: join(dir, 'never') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI error lines follow JINKA_LANG (Chinese by default)', () => {
  const cases: [string[], RegExp, RegExp][] = [
    [['nope'], /^jinka: 未知命令“nope”（jinka help 列出全部命令）$/, /^jinka: unknown command "nope" \(jinka help lists them\)$/],
    [['verify'], /^jinka: verify 需要一个 TOKEN/, /^jinka: verify takes one TOKEN/],
    [['verify', 'X'], /^jinka: 缺少 --service$/, /^jinka: --service is required$/],
    [['verify', 'X', '--service', 'cinema', '--companions', 'cousin=1'], /^jinka: --companions：未知关系“cousin”/, /^jinka: --companions: unknown relation "cousin"/],
    [['history', '--limit', '0'], /^jinka: --limit 取 1 至 10000 的整数$/, /^jinka: --limit takes a whole number from 1 to 10000$/],
    [['settings', '--set', 'nokey'], /^jinka: --set：应为 key=value/, /^jinka: --set: expected key=value/],
    [['sync', 'sideways'], /^jinka: 用法: jinka sync now/, /^jinka: usage: jinka sync now/],
    [['clock', 'reset'], /^jinka: 缺少 --reason/, /^jinka: --reason is required/],
    [['status', '--data-dir', ' '], /^jinka: --data-dir 为空/, /^jinka: --data-dir is empty/],
    [['import', join('/nonexistent', 'x.jws')], /^jinka: 无法读取 \/nonexistent\/x\.jws：文件不存在$/, /^jinka: cannot read \/nonexistent\/x\.jws: no such file$/],
  ];
  for (const [argv, zh, en] of cases) {
    it(`jinka ${argv.join(' ')}: one line, exit 2, in Chinese by default and in English under JINKA_LANG=en`, async () => {
      const chinese = await run(untouched, ...argv);
      expect(chinese.code).toBe(2);
      expect(chinese.err).toHaveLength(1);
      expect(chinese.err[0]).toMatch(zh);
      const english = await run({ ...untouched, ...EN }, ...argv);
      expect(english.code).toBe(2);
      expect(english.err).toHaveLength(1);
      expect(english.err[0]).toMatch(en);
      expect(english.err[0]).not.toMatch(CJK);
      expect(existsSync(untouched.JINKA_DATA_DIR as string)).toBe(false);
    });
  }

  it('words failures from below (disk, database) in the chosen language, keeping the code for support', () => {
    const full = Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
    expect(describeFailure(full, 'zh')).toBe('磁盘已满（SQLITE_FULL）：请腾出空间后重新运行命令（未登记任何内容）');
    expect(describeFailure(full, 'en')).toBe('the disk is full (SQLITE_FULL): free some space, then run the command again (nothing was recorded)');
    const odd = new Error('something odd');
    expect(describeFailure(odd, 'zh')).toBe('内部错误：something odd（请把这一行报告给技术支持）');
  });

  it('words an enrolment refusal from its code and parameters: the core writes no sentence', () => {
    const already = new CliError({ code: 'ENROL_FAILED', error: { code: 'ALREADY_ENROLLED', reason: 'ALREADY_ENROLLED', terminalId: 'T1', hubUrl: 'https://hub.example' } });
    expect(describeFailure(already, 'zh')).toBe('注册失败：本终端已作为 T1 在 https://hub.example 注册；如需用新密钥重新注册请加 --force；未做任何改动');
    expect(describeFailure(already, 'en')).toBe('enrolment failed: already enrolled as T1 at https://hub.example; pass --force to enrol again with a new key; nothing was changed');
    // The hub out of reach: the system's English ("fetch failed") stays out; its code is kept for support.
    const offline = new CliError({
      code: 'ENROL_FAILED',
      error: { code: 'HUB', reason: 'HUB', hub: { kind: 'offline', status: null, message: 'fetch failed', notice: { code: 'HUB_UNREACHABLE', cause: 'ECONNREFUSED' }, hubTimeMs: null } },
    });
    const zhOffline = describeFailure(offline, 'zh');
    expect(zhOffline).toContain('HUB_UNREACHABLE ECONNREFUSED');
    expect(zhOffline).not.toContain('fetch failed');
    expect(zhOffline.replace('HUB_UNREACHABLE ECONNREFUSED', '')).not.toMatch(/[A-Za-z]{4,}/);
    expect(describeFailure(offline, 'en')).toContain('HUB_UNREACHABLE ECONNREFUSED');
    const service = new CliError({ code: 'ENROL_FAILED', error: { code: 'INVALID_INPUT', reason: 'SERVICE_REQUIRED' } });
    expect(describeFailure(service, 'zh')).toMatch(/^注册失败：缺少 --service/);
  });
});

describe('jinka COMMAND --help', () => {
  for (const name of COMMAND_NAMES) {
    it(`jinka ${name} --help and jinka help ${name} print its usage in the chosen language, exit 0, opening nothing`, async () => {
      const chinese = await run(untouched, name, '--help');
      expect(chinese.code).toBe(0);
      expect(chinese.err).toEqual([]);
      const text = chinese.out.join('\n');
      expect(text).toMatch(/^用法:/);
      expect(text).toContain(`jinka ${name}`);
      expect(text).toMatch(CJK);
      expect((await run(untouched, 'help', name)).out.join('\n')).toBe(text);
      const english = await run({ ...untouched, ...EN }, name, '--help');
      expect(english.code).toBe(0);
      expect(english.out.join('\n')).toMatch(/^usage:/);
      expect(english.out.join('\n')).not.toMatch(CJK);
      expect(existsSync(untouched.JINKA_DATA_DIR as string)).toBe(false);
    });
  }

  it('jinka help lists every command and exits 0; jinka alone exits 2', async () => {
    const help = await run(EN, 'help');
    expect(help.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(help.out.join('\n')).toContain(`jinka ${name}`);
    expect((await run(EN)).code).toBe(2);
  });
});

describe('the real process (dist/ compiled once by the global setup)', () => {
  it('speaks Chinese when JINKA_LANG is unset and English under JINKA_LANG=en', () => {
    const chinese = jinkaProcess(['history', '--limit', '0'], { env: { JINKA_LANG: '' } });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toBe('jinka: --limit 取 1 至 10000 的整数\n');
    const english = jinkaProcess(['sync', '--help']);
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/^usage:\n {2}jinka sync now/);
  });
});
