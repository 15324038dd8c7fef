import type { Locale } from '../../shared/i18n/locale.js';

/**
 * Why a `jinka-hub` command could not run, as a code and its parameters, worded once per
 * language below (JINKA_LANG). `detail` is text from below (the operating system, a check).
 */
export interface HubCliErrorParams {
  UNKNOWN_COMMAND: { name: string };
  UNEXPECTED_ARGUMENT: { argument: string };
  DATA_DIR_EMPTY: Record<never, never>;
  PASSPHRASE_FILE_UNREADABLE: { file: string; cause: string };
  PASSPHRASE_FILE_EMPTY: { file: string };
  PASSPHRASE_NEEDED: Record<never, never>;
  FILE_UNREADABLE: { file: string; cause: string };
  HUB_EXISTS: { detail: string };
  INVALID_INPUT: { detail: string };
  DISK_FULL: Record<never, never>;
  DATABASE_BUSY: Record<never, never>;
  DATABASE_DAMAGED: Record<never, never>;
  CANNOT_USE_FILE: { cause: string; detail: string };
  DATABASE_UNREACHABLE: { where: string; reason: string };
  DATABASE_URL_INVALID: Record<never, never>;
  DATABASE_NOT_A_HUB: { detail: string };
  INTERNAL: { detail: string };
}

/** One `jinka-hub` error code. */
export type HubCliErrorCode = keyof HubCliErrorParams;

/** A `jinka-hub` error: its code with its parameters. */
export type HubCliProblem = { [C in HubCliErrorCode]: { code: C } & HubCliErrorParams[C] }[HubCliErrorCode];

type Words<P> = Readonly<Record<Locale, (p: P) => string>>;

/** Every `jinka-hub` error in every language; a code without words fails to compile. */
const HUB_CLI_ERROR_TEXT: { readonly [C in HubCliErrorCode]: Words<HubCliErrorParams[C]> } = {
  UNKNOWN_COMMAND: { zh: (p) => `未知命令“${p.name}”（jinka-hub help 列出全部命令）`, en: (p) => `unknown command "${p.name}" (jinka-hub help lists them)` },
  UNEXPECTED_ARGUMENT: { zh: (p) => `多余的参数“${p.argument}”`, en: (p) => `unexpected argument "${p.argument}"` },
  DATA_DIR_EMPTY: { zh: () => '--data-dir 为空：请给出中心数据目录', en: () => '--data-dir is empty: give the hub data folder' },
  PASSPHRASE_FILE_UNREADABLE: { zh: (p) => `无法读取口令文件 ${p.file}：${p.cause}`, en: (p) => `cannot read the passphrase file ${p.file}: ${p.cause}` },
  PASSPHRASE_FILE_EMPTY: { zh: (p) => `口令文件 ${p.file} 为空`, en: (p) => `the passphrase file ${p.file} is empty` },
  PASSPHRASE_NEEDED: {
    zh: () => '需要中心口令：请用 --passphrase-file FILE 或设置 JINKA_HUB_PASSPHRASE',
    en: () => 'the hub passphrase is needed: pass --passphrase-file FILE or set JINKA_HUB_PASSPHRASE',
  },
  FILE_UNREADABLE: { zh: (p) => `无法读取 ${p.file}：${p.cause}`, en: (p) => `cannot read ${p.file}: ${p.cause}` },
  HUB_EXISTS: { zh: (p) => `${p.detail}：未做任何改动（请换一个 --data-dir）`, en: (p) => `${p.detail}: nothing was changed (use another --data-dir)` },
  INVALID_INPUT: { zh: (p) => `输入有误：${p.detail}`, en: (p) => `invalid input: ${p.detail}` },
  DISK_FULL: { zh: () => '磁盘已满：请腾出空间后重新运行命令', en: () => 'the disk is full: free some space, then run the command again' },
  DATABASE_BUSY: { zh: () => '中心数据库正被其他程序使用：请稍后再试', en: () => 'the hub database is busy in another program: try again in a moment' },
  DATABASE_DAMAGED: { zh: () => '中心数据库已损坏：请从备份恢复数据目录', en: () => 'the hub database is damaged: restore the data folder from a backup' },
  CANNOT_USE_FILE: { zh: (p) => `无法使用该文件或文件夹（${p.cause}）：${p.detail}`, en: (p) => `cannot use the file or folder (${p.cause}): ${p.detail}` },
  DATABASE_UNREACHABLE: {
    zh: (p) => `无法连接中心数据库 ${p.where}（${p.reason}）：请检查数据库是否在运行、地址与权限，稍后再试`,
    en: (p) => `cannot reach the hub database at ${p.where} (${p.reason}): check that it runs, its address and access, then try again`,
  },
  DATABASE_URL_INVALID: {
    zh: () => '--database（或 JINKA_HUB_DATABASE）须为 postgres:// 或 postgresql:// 连接串',
    en: () => '--database (or JINKA_HUB_DATABASE) must be a postgres:// or postgresql:// connection string',
  },
  DATABASE_NOT_A_HUB: { zh: (p) => `该数据库不是中心数据库：${p.detail}`, en: (p) => p.detail },
  INTERNAL: { zh: (p) => `内部错误：${p.detail}（请报告这一行）`, en: (p) => `internal error: ${p.detail} (please report this line)` },
};

/** The words of one `jinka-hub` error in the chosen language. */
export function hubCliErrorText(problem: HubCliProblem, locale: Locale): string {
  // The table is indexed by the problem's own code, so its parameters are the problem's.
  const words = HUB_CLI_ERROR_TEXT[problem.code] as Words<HubCliProblem>;
  return words[locale](problem);
}
