import type { RequestErrorCode } from '../../shared/decision/request-check.js';
import type { Locale, Localized } from '../../shared/i18n/locale.js';
import { COMPANIONS_PER_RELATION_MAX, FIELD_BOUND_TEXT, SERVICE_ID_MAX, TICKET_MAX, type RequestField } from '../../shared/request-fields.js';
import type { RecordErrorCode } from '../core/terminal.js';
import type { AddOperatorError } from '../core/operator-accounts.js';
import type { EnrolError } from '../core/sync/enrol.js';
import { CODE_REFUSAL_TEXT, QR_PROBLEM_TEXT, TRUST_NOT_HELD_TEXT, TRUST_PROBLEM_TEXT, trustNotPinnedText } from '../../shared/i18n/enrol-text.js';
import { usageLine } from './cli-help.js';
import { noticeReference } from '../../shared/sync/sync-status-codes.js';
import type { CliErrorCode, CliErrorParams, CliProblem } from './cli-error-codes.js';

/** A text with parameters, in every language. */
type Words<P> = Readonly<Record<Locale, (p: P) => string>>;

const RELATIONS_LIST = 'spouse, child, parent, spouse_parent, escort';

/** The parent-subsidy and ticket rules a verify request can break (the value is never repeated: it may be an ID number, PIPL). */
const REQUEST_TEXT: Readonly<Record<RequestErrorCode, Words<{ service: string; known: readonly string[] }>>> = {
  UNKNOWN_SERVICE: { zh: (p) => `未知服务项目“${p.service}”（可选：${p.known.join(', ')}）`, en: (p) => `unknown service "${p.service}" (services: ${p.known.join(', ')})` },
  BENEFICIARY_REQUIRED: {
    zh: (p) => `${p.service} 须填写 --beneficiary father|mother（父亲|母亲，补贴对象）`,
    en: (p) => `--beneficiary father|mother (父亲|母亲, the parent the claim is for) is required for ${p.service}`,
  },
  BENEFICIARY_MISPLACED: { zh: (p) => `--beneficiary 仅用于养老补贴，不用于 ${p.service}`, en: (p) => `--beneficiary is only for eldercare, not ${p.service}` },
  BENEFICIARY_ID_NUMBER: {
    zh: () => '--beneficiary 填 father 或 mother（父亲|母亲），不填身份证号；未登记（第二十二条）',
    en: () => '--beneficiary takes father or mother (父亲|母亲), not an ID number; nothing was recorded (Art. 22)',
  },
  BENEFICIARY_NOT_A_PARENT: {
    zh: () => '--beneficiary 填 father 或 mother（父亲|母亲）：补贴对象是持卡人的父母（第二十二条）',
    en: () => "--beneficiary takes father or mother (父亲|母亲): the subsidy is for the holder's parents (Art. 22)",
  },
  TICKET_REQUIRED: { zh: (p) => `登记 ${p.service} 的使用须填写 --ticket（当日车票号）`, en: (p) => `--ticket (the same-day ticket number) is required to record a ${p.service} use` },
};

/** Why a decision could not be recorded. */
const RECORD_TEXT: Readonly<Record<RecordErrorCode, Localized>> = {
  UNKNOWN_DECISION: { zh: '这次核验不能登记', en: 'the decision cannot be recorded' },
  NOT_ACCEPTED: { zh: '这次核验不能登记', en: 'the decision cannot be recorded' },
  TICKET_REQUIRED: { zh: '登记这次使用须填写 --ticket', en: '--ticket is required to record this use' },
  COMPANIONS_EXCEEDED: { zh: '同行人数超出规定', en: 'too many companions' },
  QUOTA_EXHAUSTED: { zh: '其间已登记了另一次使用，本期次数已用完；请重新扫码', en: 'another use was recorded meanwhile and the quota is now used up; scan again' },
  NOT_ENROLLED_SERVICE: { zh: '本终端在中心登记的是另一服务项目；未登记', en: 'this terminal is enrolled at the hub for another service; nothing recorded' },
  REVOKED: { zh: '核验后导入的名单已收回此卡；未登记', en: 'the card is revoked by a list imported after the decision; nothing recorded' },
  DECISION_EXPIRED: { zh: '核验已过期，不能登记；请重新核验', en: 'the decision is too old to record; verify again' },
  INVALID_FIELD: {
    zh: `--ticket 至多 ${TICKET_MAX} 个字符，同行人每种关系至多 ${COMPANIONS_PER_RELATION_MAX} 人；未登记`,
    en: `--ticket takes at most ${TICKET_MAX} characters and companions ${COMPANIONS_PER_RELATION_MAX} of each relation; nothing was recorded`,
  },
};

const OPERATOR_TEXT: Readonly<Record<Exclude<AddOperatorError, 'INVALID_PIN'>, Localized>> = {
  INVALID_ID: { zh: '--id：1 至 64 个字母、数字或 _ . -', en: '--id: 1 to 64 letters, digits, _ . -' },
  INVALID_NAME: { zh: '--name：1 至 64 个字符', en: '--name: 1 to 64 characters' },
  EXISTS: { zh: '已有此 --id 的操作员（jinka operator pin --id ID --pin PIN 可设置新密码）', en: 'an operator with this --id exists already (jinka operator pin --id ID --pin PIN sets a new PIN)' },
};

/** Each request field's bound (the English as the core says it, shared/request-fields.ts). */
const FIELD_BOUND: Readonly<Record<RequestField, Localized>> = {
  service: { zh: `服务编号至多 ${SERVICE_ID_MAX} 个字符`, en: FIELD_BOUND_TEXT.service },
  beneficiary: { zh: '父亲或母亲（第二十二条）', en: FIELD_BOUND_TEXT.beneficiary },
  companions: { zh: `已知关系，每种 0 至 ${COMPANIONS_PER_RELATION_MAX} 人`, en: FIELD_BOUND_TEXT.companions },
  ticket: { zh: `一行至多 ${TICKET_MAX} 个字符，不含控制字符`, en: FIELD_BOUND_TEXT.ticket },
};

/** Why enrolment failed, by its reason; the hub's and the URL check's own words follow for support. */
const ENROL_TEXT: { readonly [R in EnrolError['reason']]: Words<Extract<EnrolError, { reason: R }>> } = {
  ALREADY_ENROLLED: {
    zh: (e) => `本终端已作为 ${e.terminalId} 在 ${e.hubUrl} 注册；如需用新密钥重新注册请加 --force`,
    en: (e) => `already enrolled as ${e.terminalId} at ${e.hubUrl}; pass --force to enrol again with a new key`,
  },
  BAD_HUB_URL: { zh: (e) => `--hub 网址无效：${e.detail}`, en: (e) => `--hub: ${e.detail}` },
  SERVICE_REQUIRED: {
    zh: () => '缺少 --service：此管理平台（较旧版本）不告知登记码对应的服务项目，请给出本柜台核验的服务项目编号（如 cinema）',
    en: () => '--service is required: this hub (an older version) does not say which service the code is for; give the catalogue id this counter verifies for (e.g. cinema)',
  },
  UNKNOWN_SERVICE: { zh: (e) => `--service：未知服务项目“${e.service}”`, en: (e) => `--service: unknown service "${e.service}"` },
  INVALID_FIELD: { zh: (e) => `${e.field} 无效：${e.detail}`, en: (e) => `${e.field}: ${e.detail}` },
  INSECURE_HTTP: {
    zh: (e) => `拒绝以明文 HTTP 连接 ${e.host}：网络上任何人都能读取上传的使用记录并冒充平台；请用 https://，或在主管确认网络封闭时加 --insecure-http`,
    en: (e) =>
      `--hub: plain HTTP to ${e.host} is refused: anyone on the network could read the uses uploaded and answer for the hub; use https://, or pass --insecure-http if the bureau says this network is closed`,
  },
  HUB: {
    zh: (e) => `${e.hub.kind === 'offline' ? '无法连接管理平台，请检查网址和网络' : '管理平台未接受'}（${noticeReference(e.hub.notice)}）`,
    en: (e) => `${e.hub.kind === 'offline' ? 'the hub cannot be reached: check the URL and the network' : 'the hub refused'} (${noticeReference(e.hub.notice)})`,
  },
  CODE_REFUSED: { zh: (e) => CODE_REFUSAL_TEXT[e.refusal].zh, en: (e) => CODE_REFUSAL_TEXT[e.refusal].en },
  BAD_QR: { zh: (e) => QR_PROBLEM_TEXT[e.problem].zh, en: (e) => QR_PROBLEM_TEXT[e.problem].en },
  TRUST_REFUSED: { zh: (e) => TRUST_PROBLEM_TEXT[e.problem].zh, en: (e) => TRUST_PROBLEM_TEXT[e.problem].en },
  TRUST_NOT_HELD: { zh: () => TRUST_NOT_HELD_TEXT.zh, en: () => TRUST_NOT_HELD_TEXT.en },
  TRUST_NOT_PINNED: { zh: (e) => trustNotPinnedText(e.detail).zh, en: (e) => trustNotPinnedText(e.detail).en },
};

/** One enrolment failure in the chosen language. */
function enrolText(error: EnrolError, locale: Locale): string {
  const words = ENROL_TEXT[error.reason] as Words<EnrolError>;
  return words[locale](error);
}

function distance(ms: number, locale: Locale): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds >= 120) return locale === 'zh' ? `${Math.round(seconds / 60)} 分钟` : `${Math.round(seconds / 60)} min`;
  return locale === 'zh' ? `${seconds} 秒` : `${seconds} s`;
}

/** Every CLI error in every language; a code without words fails to compile. */
const CLI_ERROR_TEXT: { readonly [C in CliErrorCode]: Words<CliErrorParams[C]> } = {
  UNKNOWN_COMMAND: { zh: (p) => `未知命令“${p.name}”（jinka help 列出全部命令）`, en: (p) => `unknown command "${p.name}" (jinka help lists them)` },
  USAGE: { zh: (p) => usageLine(p.command, 'zh'), en: (p) => usageLine(p.command, 'en') },
  BAD_ARGUMENTS: { zh: (p) => `参数有误：${p.detail}`, en: (p) => p.detail },
  OPTION_REQUIRED: { zh: (p) => `缺少 ${p.flag}`, en: (p) => `${p.flag} is required` },
  OPTION_TOO_LONG: { zh: (p) => `${p.flag} 至多 ${p.max} 个字符（给了 ${p.given} 个）；未登记`, en: (p) => `${p.flag} takes at most ${p.max} characters (${p.given} given); nothing was recorded` },
  DISK_FULL: {
    zh: (p) => `磁盘已满${p.cause === null ? '' : `（${p.cause}）`}：请腾出空间后重新运行命令（未登记任何内容）`,
    en: (p) => `the disk is full${p.cause === null ? '' : ` (${p.cause})`}: free some space, then run the command again (nothing was recorded)`,
  },
  DATABASE_BUSY: { zh: (p) => `终端数据库正被其他程序使用（${p.cause}）：请稍后再试`, en: (p) => `the terminal database is busy in another program (${p.cause}): try again in a moment` },
  DATABASE_DAMAGED: {
    zh: (p) => `终端数据库已损坏（${p.cause}）：请运行 jinka audit verify，再从备份恢复数据目录或联系技术支持`,
    en: (p) => `the terminal database is damaged (${p.cause}): run jinka audit verify, then restore the data folder from a backup or contact support`,
  },
  CANNOT_WRITE_DATA: { zh: (p) => `无法写入数据目录（${p.cause}）：请检查 --data-dir 及其所有者和权限`, en: (p) => `cannot write the data folder (${p.cause}): check --data-dir, its owner and permissions` },
  DATABASE_IO: {
    zh: (p) => `终端无法读写磁盘上的数据库（${p.cause}）：请检查存储设备（U 盘是否拔出、硬盘是否故障）后重新运行命令`,
    en: (p) => `the terminal could not read or write its database on disk (${p.cause}): check the drive (a removed USB stick, a failing disk), then run the command again`,
  },
  INTERNAL: { zh: (p) => `内部错误：${p.detail}（请把这一行报告给技术支持）`, en: (p) => `internal error: ${p.detail} (please report this line to support)` },
  FIELD_OUT_OF_BOUNDS: { zh: (p) => `${p.field} 超出范围（${FIELD_BOUND[p.field].zh}）；未登记`, en: (p) => `${p.field} is out of bounds (${FIELD_BOUND[p.field].en}); nothing was recorded` },
  STDIN_TOO_LARGE: {
    zh: (p) => `标准输入超过 ${p.maxBytes} 字节${p.why === null ? '' : `；${p.why}`}；已停止读取`,
    en: (p) => `standard input holds more than ${p.maxBytes} bytes${p.why === null ? '' : `; ${p.why}`}; stopped reading`,
  },
  FILE_MISSING: { zh: (p) => `无法读取 ${p.file}：文件不存在`, en: (p) => `cannot read ${p.file}: no such file` },
  FILE_UNREADABLE: { zh: (p) => `无法读取 ${p.file}（${p.why}）`, en: (p) => `cannot read ${p.file} (${p.why})` },
  FILE_IS_FOLDER: { zh: (p) => `${p.file} 是文件夹，不是文件`, en: (p) => `${p.file} is a folder, not a file` },
  FILE_NOT_REGULAR: {
    zh: (p) => `${p.file} 不是普通文件（是设备、管道或套接字）；请给出数据包或信任文件`,
    en: (p) => `${p.file} is not a regular file (a device, pipe or socket); give a bundle or trust file`,
  },
  FILE_TOO_LARGE: { zh: (p) => `${p.file} 超过 ${p.maxBytes} 字节，不是金卡数据包`, en: (p) => `${p.file} is larger than ${p.maxBytes} bytes; not a Jinka bundle` },
  FILE_GREW: { zh: (p) => `${p.file} 在读取时增长到超过 ${p.maxBytes} 字节，不是金卡数据包`, en: (p) => `${p.file} grew past ${p.maxBytes} bytes while it was read; not a Jinka bundle` },
  FILE_NOT_TEXT: {
    zh: (p) => `${p.file} 不是文本文件（含有数据包和信任文件不会有的字节）：不是金卡数据包`,
    en: (p) => `${p.file} is not a text file (it holds bytes no bundle or trust file has): not a Jinka bundle`,
  },
  CANNOT_WRITE_FILE: { zh: (p) => `无法写入 ${p.file}：${p.detail}`, en: (p) => `cannot write ${p.file}: ${p.detail}` },
  DATA_DIR_EMPTY: { zh: () => '--data-dir 为空：请给出终端数据目录', en: () => '--data-dir is empty: give the terminal data folder' },
  DATA_FOLDER: { zh: (p) => `数据目录不可用：${p.detail}`, en: (p) => p.detail },
  SCHEMA_TOO_NEW: {
    zh: (p) => `${p.detail}：由更新版本的金卡终端写入；请安装该版本（未做任何改动）`,
    en: (p) => `the ${p.detail}: it was written by a newer Jinka; install that version (nothing was changed)`,
  },
  COMPANIONS_UNREADABLE: {
    zh: (p) => `--companions：无法识别“${p.pair}”（应为 关系=人数，如 spouse=1,parent=2）`,
    en: (p) => `--companions: cannot read "${p.pair}" (expected relation=count, e.g. spouse=1,parent=2)`,
  },
  COMPANIONS_UNKNOWN_RELATION: { zh: (p) => `--companions：未知关系“${p.relation}”（${RELATIONS_LIST}）`, en: (p) => `--companions: unknown relation "${p.relation}" (${RELATIONS_LIST})` },
  COMPANIONS_TWICE: { zh: (p) => `--companions：关系“${p.relation}”给了两次`, en: (p) => `--companions: relation "${p.relation}" given twice` },
  COMPANIONS_TOO_MANY: {
    zh: (p) => `--companions：每种关系至多 ${p.max} 人（给了 ${p.relation}=${p.count}）`,
    en: (p) => `--companions: at most ${p.max} of one relation (${p.relation}=${p.count} given)`,
  },
  VERIFY_ONE_TOKEN: { zh: () => 'verify 需要一个 TOKEN（或用 - 从标准输入读取）', en: () => 'verify takes one TOKEN (or - to read it from standard input)' },
  TICKET_EMPTY: { zh: () => '--ticket 为空：请填写当日车票号（至多 64 个字符）', en: () => '--ticket is empty: give the same-day ticket number (at most 64 characters)' },
  AT_UNREADABLE: {
    zh: (p) => `--at：“${p.value}”不是带时区偏移的时刻（如 2026-03-01T10:00:00+08:00）`,
    en: (p) => `--at: "${p.value}" is not an instant with its offset (e.g. 2026-03-01T10:00:00+08:00)`,
  },
  REQUEST_REFUSED: { zh: (p) => REQUEST_TEXT[p.reason].zh(p), en: (p) => REQUEST_TEXT[p.reason].en(p) },
  RECORD_REFUSED: { zh: (p) => RECORD_TEXT[p.reason].zh, en: (p) => RECORD_TEXT[p.reason].en },
  // §7: an enrolled terminal records a real use at the real time; --at may only move it within the clock tolerance.
  RECORD_AT_REFUSED: {
    zh: (p) =>
      `--at 比实际时钟${p.offsetMs > 0 ? '快' : '慢'} ${distance(p.offsetMs, 'zh')}；本终端已在中心注册，--record 只接受时钟容差（${p.toleranceMs / 1000} 秒）内的 --at：实际使用不能提前或补记（未登记）`,
    en: (p) =>
      `--at is ${distance(p.offsetMs, 'en')} ${p.offsetMs > 0 ? 'ahead of' : 'behind'} the real clock; this terminal is enrolled at a hub, so --record takes --at only within the clock tolerance (${p.toleranceMs / 1000} s): a real use cannot be back- or forward-dated (nothing was recorded)`,
  },
  IMPORT_ONE_FILE: { zh: () => 'import 需要一个 FILE', en: () => 'import takes one FILE' },
  IMPORT_REFUSED: {
    zh: (p) => `${p.item === null ? '' : `[${p.item}] `}导入被拒绝（${p.reason}）：${p.detail}；${p.item === null ? '未做任何改动' : '此项未做任何改动'}`,
    en: (p) => `${p.item === null ? '' : `[${p.item}] `}import refused (${p.reason}): ${p.detail}; ${p.item === null ? 'nothing was changed' : 'this item changed nothing'}`,
  },
  TRUST_REFUSED: { zh: (p) => `信任文件被拒绝（${p.reason}）：${p.detail}`, en: (p) => `trust file refused (${p.reason}): ${p.detail}` },
  NOT_ENROLLED: { zh: () => '本终端尚未注册：请先运行 jinka enrol --hub URL --code CODE', en: () => 'this terminal is not enrolled: jinka enrol --hub URL --code CODE first' },
  SYNC_KEY_MISSING: {
    zh: () => '数据目录中缺少终端密钥，无法签名：请重新注册（jinka enrol --force）',
    en: () => 'the terminal key is missing from the data folder, nothing can be signed: enrol again (jinka enrol --force)',
  },
  ENROL_EXTRA_ARGUMENT: { zh: (p) => `enrol 不接受“${p.argument}”；${usageLine('enrol', 'zh')}`, en: (p) => `enrol takes no ${p.argument}; ${usageLine('enrol', 'en')}` },
  ENROL_FAILED: { zh: (p) => `注册失败：${enrolText(p.error, 'zh')}；未做任何改动`, en: (p) => `enrolment failed: ${enrolText(p.error, 'en')}; nothing was changed` },
  LIMIT_RANGE: { zh: () => '--limit 取 1 至 10000 的整数', en: () => '--limit takes a whole number from 1 to 10000' },
  PIN_REQUIRED: {
    zh: () => '缺少 --pin（操作员 4 至 12 位数字，主管 6 至 12 位；--pin - 从标准输入读取）',
    en: () => '--pin is required (4 to 12 digits, 6 to 12 for a supervisor; --pin - reads it from standard input)',
  },
  PIN_RULE: {
    zh: (p) => `--pin：${p.role === 'operator' ? '操作员' : '主管'}密码为 ${p.min} 至 12 位数字`,
    en: (p) => `--pin: ${p.min} to 12 digits for ${p.role === 'operator' ? 'an operator' : 'a supervisor'}`,
  },
  ROLE_INVALID: { zh: () => '--role 取 operator 或 supervisor', en: () => '--role is operator or supervisor' },
  OPERATOR_REFUSED: { zh: (p) => OPERATOR_TEXT[p.reason].zh, en: (p) => OPERATOR_TEXT[p.reason].en },
  NO_OPERATOR: { zh: (p) => `没有操作员“${p.id}”（jinka operator list 可列出）`, en: (p) => `no operator "${p.id}" (jinka operator list shows them)` },
  SET_NOT_A_PAIR: { zh: (p) => `--set：应为 key=value，给的是“${p.pair}”`, en: (p) => `--set: expected key=value, got "${p.pair}"` },
  SET_OUT_OF_RANGE: { zh: (p) => `--set ${p.key}：“${p.value}”超出范围`, en: (p) => `--set ${p.key}: "${p.value}" is out of range` },
  SET_NOT_A_NUMBER: { zh: (p) => `--set ${p.key}：“${p.value}”不是数字`, en: (p) => `--set ${p.key}: "${p.value}" is not a number` },
  SET_BAD_ESCALATE: {
    zh: (p) => `--set escalate：“${p.value}”不是 CLOCK_SUSPECT、LISTS_STALE 或 DUPLICATE`,
    en: (p) => `--set escalate: "${p.value}" is not CLOCK_SUSPECT, LISTS_STALE or DUPLICATE`,
  },
  SET_UNKNOWN: { zh: (p) => `--set：未知设置“${p.key}”（${p.known.join(', ')}）`, en: (p) => `--set: unknown setting "${p.key}" (${p.known.join(', ')})` },
  SET_INVALID: { zh: (p) => `--set ${p.key}：${p.detail}`, en: (p) => `--set ${p.key}: ${p.detail}` },
  SET_REFUSED: { zh: (p) => `--set：${p.detail}`, en: (p) => `--set: ${p.detail}` },
  REASON_REQUIRED: {
    zh: () => '缺少 --reason：请说明为何重置时钟保护（记入审计日志）',
    en: () => '--reason is required: say why the clock guard is reset (kept in the audit log)',
  },
  REASON_INVALID: {
    zh: () => '--reason 须为 1 至 200 个字符，不含换行或控制字符',
    en: () => '--reason must be 1 to 200 characters, without line breaks or control characters',
  },
  CLOCK_WRONG: {
    zh: () => '管理平台上次测得本机时钟不准（或之后被调回过）：请先把系统时钟调准，再运行 jinka sync now，平台确认后会自动清除时钟提示；未重置',
    en: () =>
      "the hub's last measurement says this clock is wrong (or it was set back since): set the system clock right first, then run `jinka sync now`, which clears the warning when the hub agrees; nothing was reset",
  },
};

/** The words of one CLI error in the chosen language. */
export function cliErrorText(problem: CliProblem, locale: Locale): string {
  // The table is indexed by the problem's own code, so its parameters are the problem's.
  const words = CLI_ERROR_TEXT[problem.code] as Words<CliProblem>;
  return words[locale](problem);
}
