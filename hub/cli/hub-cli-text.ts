import type { Locale } from '../../shared/i18n/locale.js';
import type { DataFolderProblem } from '../../node/sqlite/data-folder.js';
import { hubUsageLine, type HubCommandName } from './hub-cli-help.js';

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
  AUDIT_SQLITE_ONLY: Record<never, never>;
  MIGRATE_FROM_SQLITE: Record<never, never>;
  MIGRATE_REFUSED: { reason: 'other-data' | 'schema-differs' | 'verify-failed'; detail: string };
  INTERNAL: { detail: string };
  USAGE: { command: HubCommandName };
  BAD_ARGUMENTS: { detail: string };
  OPTIONS_REQUIRED: { command: HubCommandName; flags: readonly string[] };
  NOT_A_DATE: { flag: string; value: string };
  NOT_A_WHOLE_NUMBER: { flag: string };
  HOURS_RANGE: { max: number };
  URL_INVALID: { problem: 'NOT_A_URL' | 'NOT_PLAIN' | 'TOO_LONG' };
  DATA_FOLDER: { problem: DataFolderProblem; detail: string };
  WRONG_PASSPHRASE: Record<never, never>;
  HUB_NOT_INITIALIZED: Record<never, never>;
  FONT_MISSING: { detail: string };
  SCHEMA_TOO_NEW: { detail: string };
  DEMO_TAKES_DIR: Record<never, never>;
  DEMO_FAILED: { detail: string };
  CARD_INPUT_REFUSED: { detail: string };
  NOTHING_ISSUED: { detail: string };
  ROSTER_PROBLEMS: { count: number; file: string; skipBad: boolean };
  NOTHING_REVOKED: { detail: string };
  NOTHING_REISSUED: { detail: string };
  NO_CARD: { sub: string };
  NO_CARD_FOR_ID_NUMBER: Record<never, never>;
  NO_TERMINAL: { id: string };
  TERMINAL_ALREADY_DISABLED: { id: string };
  BATCHES_REFUSED: { count: number; file: string };
  RULES_NOT_JSON: { file: string };
  RULES_INVALID: { file: string; detail: string };
  KEY_NOT_RETIRABLE: { kid: string };
  RELAY_REFUSED: { detail: string };
  ISSUER_KEYS_REFUSED: { detail: string };
  TLS_PAIR: Record<never, never>;
  TLS_UNREADABLE: { what: 'certificate' | 'key'; file: string; cause: string };
  PORT_INVALID: Record<never, never>;
  PORT_IN_USE: { port: number };
  PORT_NOT_ALLOWED: { port: number };
  NO_SUCH_ADDRESS: { host: string };
  TRUST_PROXY_INVALID: { value: string };
  PUBLIC_URL_INVALID: { value: string };
  STAFF_UNKNOWN: { id: string };
}

/** One `jinka-hub` error code. */
export type HubCliErrorCode = keyof HubCliErrorParams;

/** A `jinka-hub` error: its code with its parameters. */
export type HubCliProblem = { [C in HubCliErrorCode]: { code: C } & HubCliErrorParams[C] }[HubCliErrorCode];

type Words<P> = Readonly<Record<Locale, (p: P) => string>>;

/** Why the data folder or its database was refused, in Chinese (the English is the check's own sentence, with the path). */
const DATA_FOLDER_ZH: Readonly<Record<DataFolderProblem, string>> = {
  'not-a-folder': '--data-dir 不是文件夹：请给出中心数据目录',
  'no-folder': '数据目录不存在或无法建立：请检查 --data-dir（新建中心：jinka-hub init）',
  'no-database': '该数据目录中没有中心数据库：请检查 --data-dir（新建中心：jinka-hub init）',
  'missing-database': '中心数据库不见了：请从备份恢复，不会在原处新建',
  'empty-database': '中心数据库为空（0 字节）：请从备份恢复，不会在原处新建',
  'not-a-database': '中心数据库已损坏或不是数据库文件：请从备份恢复',
  'not-empty': '该目录不为空且没有中心数据库：请为 --data-dir 选一个空目录或新目录',
  'read-only': '无法写入数据目录：请检查数据目录及其文件的属主与权限',
};

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
  AUDIT_SQLITE_ONLY: {
    zh: () => 'audit verify 检查数据目录中的 SQLite 文件，暂不能读取 PostgreSQL 数据库（请使用 PostgreSQL 自身的检查与备份）',
    en: () => 'audit verify checks the SQLite file of a data folder; it does not read a PostgreSQL database yet (use PostgreSQL’s own checks and backups)',
  },
  MIGRATE_FROM_SQLITE: {
    zh: () => 'migrate 从数据目录中的 SQLite 文件复制（--data-dir），目标用 --to postgres://… 指定，不用 --database',
    en: () => 'migrate copies the SQLite file of the data folder (--data-dir) to --to postgres://…; it takes no --database',
  },
  MIGRATE_REFUSED: {
    zh: (p) =>
      p.reason === 'other-data'
        ? `目标数据库中已有其他数据，未复制任何内容：${p.detail}`
        : p.reason === 'schema-differs'
          ? `SQLite 与 PostgreSQL 的中心结构不一致（请用同一版本的 jinka-hub）：${p.detail}`
          : `复制后核对不符，已全部撤销，目标数据库未改动：${p.detail}`,
    en: (p) =>
      p.reason === 'other-data'
        ? p.detail
        : p.reason === 'schema-differs'
          ? `the SQLite and PostgreSQL hub schemas differ (use one jinka-hub version for both): ${p.detail}`
          : `the copy did not verify, so all of it was rolled back and the target is unchanged: ${p.detail}`,
  },
  INTERNAL: { zh: (p) => `内部错误：${p.detail}（请报告这一行）`, en: (p) => `internal error: ${p.detail} (please report this line)` },
  USAGE: { zh: (p) => hubUsageLine(p.command, 'zh'), en: (p) => hubUsageLine(p.command, 'en') },
  BAD_ARGUMENTS: { zh: (p) => `参数有误：${p.detail}（jinka-hub COMMAND --help 显示用法）`, en: (p) => `${p.detail} (jinka-hub COMMAND --help shows the usage)` },
  OPTIONS_REQUIRED: { zh: (p) => `${p.command} 须填写 ${p.flags.join('、')}`, en: (p) => `${p.command} needs ${p.flags.join(', ')}` },
  NOT_A_DATE: { zh: (p) => `${p.flag}“${p.value}”不是日期（YYYY-MM-DD）`, en: (p) => `${p.flag} "${p.value}" is not a date (YYYY-MM-DD)` },
  NOT_A_WHOLE_NUMBER: { zh: (p) => `${p.flag} 须为非负整数`, en: (p) => `${p.flag} must be a whole number` },
  HOURS_RANGE: { zh: (p) => `--hours 须为 0 至 ${p.max} 之间的小时数`, en: (p) => `--hours must be a number of hours between 0 and ${p.max}` },
  URL_INVALID: {
    zh: (p) =>
      p.problem === 'TOO_LONG'
        ? '--url 超过 300 个字符'
        : p.problem === 'NOT_A_URL'
          ? '--url 须为终端访问本中心的地址，如 https://hub.example.gov.cn'
          : '--url 须为 https://（单机时可用 http://）地址，不含用户名、密码、查询或片段',
    en: (p) =>
      p.problem === 'TOO_LONG'
        ? '--url is longer than 300 characters'
        : p.problem === 'NOT_A_URL'
          ? '--url must be the address terminals reach this hub at, e.g. https://hub.example.gov.cn'
          : '--url must be an https:// (or http:// on one machine) address with no user, password, query or fragment',
  },
  DATA_FOLDER: { zh: (p) => DATA_FOLDER_ZH[p.problem], en: (p) => p.detail },
  WRONG_PASSPHRASE: { zh: () => '口令不对：无法用它打开中心密钥', en: () => 'wrong passphrase: the hub keys cannot be opened with it' },
  HUB_NOT_INITIALIZED: { zh: () => '该数据目录中还没有中心：请先运行 jinka-hub init', en: () => 'this data folder holds no hub yet: run `jinka-hub init` first' },
  FONT_MISSING: { zh: (p) => `无法使用字体（${p.detail}）：请安装 fonts-noto-cjk 或用 --font FILE 指定，或加 --no-pdf`, en: (p) => p.detail },
  SCHEMA_TOO_NEW: { zh: (p) => `中心数据库来自更新的版本，本程序无法打开：请升级 jinka-hub（${p.detail}）`, en: (p) => p.detail },
  DEMO_TAKES_DIR: { zh: () => 'demo 使用 --dir DIR（整个演示目录），不用 --data-dir', en: () => 'demo takes --dir DIR (the whole demo folder), not --data-dir' },
  DEMO_FAILED: { zh: (p) => `无法生成演示中心：${p.detail}`, en: (p) => p.detail },
  CARD_INPUT_REFUSED: { zh: (p) => `持卡人信息有误：${p.detail}；未发卡`, en: (p) => p.detail },
  NOTHING_ISSUED: { zh: (p) => `${p.detail}；未发卡`, en: (p) => `${p.detail}; nothing was issued` },
  ROSTER_PROBLEMS: {
    zh: (p) => `${p.file} 中有 ${p.count} 处问题；未发卡${p.skipBad ? '' : '（请修正这些行，或加 --skip-bad 只发其余的）'}`,
    en: (p) => `${p.count} problem(s) in ${p.file}; nothing was issued${p.skipBad ? '' : ' (fix the lines, or --skip-bad to issue the others)'}`,
  },
  NOTHING_REVOKED: { zh: (p) => `${p.detail}；未收回任何卡`, en: (p) => `${p.detail}; nothing was revoked` },
  NOTHING_REISSUED: { zh: (p) => `${p.detail}；未做任何改动`, en: (p) => `${p.detail}; nothing was changed` },
  NO_CARD: { zh: (p) => `没有卡 ${p.sub}`, en: (p) => `no card ${p.sub}` },
  NO_CARD_FOR_ID_NUMBER: { zh: () => '该身份证号没有有效的卡', en: () => 'no card in force for this ID number' },
  NO_TERMINAL: { zh: (p) => `没有终端 ${p.id}`, en: (p) => `no terminal ${p.id}` },
  TERMINAL_ALREADY_DISABLED: { zh: (p) => `终端 ${p.id} 已停用`, en: (p) => `terminal ${p.id} is already disabled` },
  BATCHES_REFUSED: { zh: (p) => `${p.file} 中有 ${p.count} 批被拒绝；其余已保存`, en: (p) => `${p.count} batch(es) of ${p.file} refused; the others were stored` },
  RULES_NOT_JSON: { zh: (p) => `${p.file} 不是 JSON`, en: (p) => `${p.file} is not JSON` },
  RULES_INVALID: { zh: (p) => `${p.file} 不是有效的规则：${p.detail}`, en: (p) => `${p.file}: ${p.detail}` },
  KEY_NOT_RETIRABLE: {
    zh: (p) => `没有可停用的旧密钥 ${p.kid}（现行密钥不能停用：请先 rotate；信任密钥：rotate-trust）`,
    en: (p) => `no older key ${p.kid} to retire (the current key cannot be retired: rotate first; the trust key: rotate-trust)`,
  },
  RELAY_REFUSED: { zh: (p) => `拒绝转发：${p.detail}`, en: (p) => `relay refused: ${p.detail}` },
  ISSUER_KEYS_REFUSED: { zh: (p) => `发卡机关公钥文件有误：${p.detail}`, en: (p) => p.detail },
  TLS_PAIR: { zh: () => 'TLS 须同时提供 --cert FILE 和 --key FILE', en: () => 'TLS needs both --cert FILE and --key FILE' },
  TLS_UNREADABLE: {
    zh: (p) => `无法读取 TLS ${p.what === 'certificate' ? '证书' : '私钥'} ${p.file}：${p.cause}`,
    en: (p) => `cannot read the TLS ${p.what} ${p.file}: ${p.cause}`,
  },
  PORT_INVALID: { zh: () => '--port 须为端口号（0–65535）', en: () => '--port must be a port number' },
  PORT_IN_USE: { zh: (p) => `端口 ${p.port} 已被占用：请用 --port 换一个`, en: (p) => `port ${p.port} is already in use: pick another with --port` },
  PORT_NOT_ALLOWED: { zh: (p) => `无权监听端口 ${p.port}：请用 --port 选 1024 以上的端口`, en: (p) => `not allowed to listen on port ${p.port}: pick one above 1024 with --port` },
  NO_SUCH_ADDRESS: { zh: (p) => `本机没有地址 ${p.host}：请检查 --host`, en: (p) => `this machine has no address ${p.host}: check --host` },
  TRUST_PROXY_INVALID: {
    zh: (p) => `--trust-proxy 须为反向代理的 IP 地址或网段（如 127.0.0.1,10.0.0.0/24），不是 ${p.value}`,
    en: (p) => `--trust-proxy takes the reverse proxies' IP addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/24), not ${p.value}`,
  },
  PUBLIC_URL_INVALID: {
    zh: (p) => `--public-url 须为终端访问中心的地址（如 https://hub.example.cn:8443），不带路径，不是 ${p.value}`,
    en: (p) => `--public-url takes the hub's address as terminals reach it (e.g. https://hub.example.cn:8443), with no path, not ${p.value}`,
  },
  STAFF_UNKNOWN: { zh: (p) => `没有工作人员账号 ${p.id}：未作更改`, en: (p) => `no staff account ${p.id}: nothing was changed` },
};

/** The words of one `jinka-hub` error in the chosen language. */
export function hubCliErrorText(problem: HubCliProblem, locale: Locale): string {
  // The table is indexed by the problem's own code, so its parameters are the problem's.
  const words = HUB_CLI_ERROR_TEXT[problem.code] as Words<HubCliProblem>;
  return words[locale](problem);
}
