import type { Locale } from '../../../shared/i18n/locale.js';
import type { SyncNotice, SyncNoticeCode, SyncNoticeOf } from '../../../shared/sync/sync-status-codes.js';

/** A text with parameters, in every language. */
type Words<P> = Readonly<Record<Locale, (p: P) => string>>;

/**
 * What the counter's settings screen says about the sync state, for every notice code
 * (shared/sync/sync-status-codes.ts) in zh and en; a code without words fails to compile.
 * Written for counter staff: what happened and who acts (the supervisor, the bureau); the
 * hub's own English sentences are left to the supervisor's CLI (`jinka sync status --json`).
 */
const SYNC_NOTICE_TEXT: { readonly [C in SyncNoticeCode]: Words<SyncNoticeOf<C>> } = {
  NOT_ENROLLED: { zh: () => '本终端尚未登记到管理平台，名单与规则请由主管导入', en: () => 'Not enrolled with the hub yet: a supervisor imports lists and rules' },
  KEY_MISSING: { zh: () => '数据目录中缺少终端密钥：请主管重新登记本终端', en: () => 'The terminal key is missing from the data folder: a supervisor enrols this terminal again' },
  HUB_URL_REFUSED: {
    zh: (p) => (p.reason === 'INSECURE_HTTP' ? '登记的管理平台网址是明文 HTTP，已拒绝连接：请主管用 https:// 重新登记' : '登记的管理平台网址无效：请主管重新登记'),
    en: (p) => (p.reason === 'INSECURE_HTTP' ? 'The hub URL enrolled is plain HTTP and is refused: a supervisor enrols again with https://' : 'The hub URL enrolled is not valid: a supervisor enrols again'),
  },
  HUB_UNREACHABLE: {
    zh: (p) => `无法连接管理平台${p.cause === null ? '' : `（${p.cause}）`}：请检查网络；使用记录保存在本机，恢复后自动上传`,
    en: (p) => `Cannot reach the hub${p.cause === null ? '' : ` (${p.cause})`}: check the network; uses are kept here and uploaded once it is back`,
  },
  HUB_TIMEOUT: { zh: () => '管理平台未及时应答：请检查网络；使用记录保存在本机', en: () => 'The hub did not answer in time: check the network; uses are kept here' },
  HUB_UNAVAILABLE: { zh: (p) => `管理平台暂时不可用（HTTP ${p.status}），稍后自动重试`, en: (p) => `The hub is unavailable for now (HTTP ${p.status}); the terminal tries again shortly` },
  HUB_UNAUTHORIZED: {
    zh: () => '管理平台不接受本终端的签名：请检查系统时间，或请主管重新登记',
    en: () => "The hub does not accept this terminal's signature: check the system time, or ask a supervisor to enrol again",
  },
  TERMINAL_DISABLED: { zh: () => '本终端已被管理平台停用：请联系主管部门', en: () => 'This terminal was disabled at the hub: contact the bureau' },
  HUB_REFUSED: {
    zh: (p) => `管理平台拒绝了请求（HTTP ${p.status}${p.hubCode === null ? '' : ` ${p.hubCode}`}）：请联系主管`,
    en: (p) => `The hub refused the request (HTTP ${p.status}${p.hubCode === null ? '' : ` ${p.hubCode}`}): tell a supervisor`,
  },
  HUB_ANSWER_TOO_LARGE: { zh: () => '管理平台的应答过大，未读取：请联系主管', en: () => "The hub's answer was too large and was not read: tell a supervisor" },
  HUB_ANSWER_NOT_JSON: { zh: () => '收到的应答不是管理平台的：请主管检查管理平台网址', en: () => 'The answer did not come from the hub: a supervisor checks the hub URL' },
  HUB_ANSWER_UNEXPECTED: { zh: () => '管理平台的应答格式不符（版本可能不一致）：请联系主管', en: () => "The hub's answer was not understood (different versions?): tell a supervisor" },
  UPLOAD_STALLED: {
    zh: (p) => `管理平台只确认到第 ${p.acknowledged} 条记录，上传无法继续：请联系主管`,
    en: (p) => `The hub acknowledged only up to entry ${p.acknowledged}; the upload cannot go on: tell a supervisor`,
  },
  ROUND_FAILED: { zh: () => '同步时本终端出错：请联系主管（jinka sync now 可看详情）', en: () => 'This terminal failed during the sync: tell a supervisor (jinka sync now shows more)' },
  BUNDLES_REFUSED: {
    zh: (p) => `${p.total} 个更新包未通过校验，本终端沿用原有名单与规则：${p.bundles.map((b) => b.code).join('，')}`,
    en: (p) => `${p.total} update(s) failed the checks; this terminal keeps its lists and rules: ${p.bundles.map((b) => b.code).join(', ')}`,
  },
  ENTRIES_WITHHELD: {
    zh: (p) => `${p.count} 条记录超出管理平台的限制，已以替代记录上传；完整记录保存在本机审计日志中`,
    en: (p) => `${p.count} entr${p.count === 1 ? 'y' : 'ies'} exceeded the hub's limits and went as stand-ins; the full entries stay in this terminal's audit log`,
  },
  CLOCK_SKEW: {
    zh: (p) => `本机时间比管理平台${p.direction === 'behind' ? '慢' : '快'} ${p.minutes} 分钟：请校正系统时间`,
    en: (p) => `This terminal's clock is ${p.minutes} min ${p.direction === 'behind' ? 'behind' : 'ahead of'} the hub's: correct the system time`,
  },
};

/** One sync notice in the page's language. */
export function syncNoticeText(notice: SyncNotice, locale: Locale): string {
  // The table is indexed by the notice's own code, so its parameters are the notice's.
  const words = SYNC_NOTICE_TEXT[notice.code] as Words<SyncNotice>;
  return words[locale](notice);
}

/** The notices one after another in the page's language; null when there are none. */
export function syncNoticesText(notices: readonly SyncNotice[], locale: Locale): string | null {
  return notices.length === 0 ? null : notices.map((n) => syncNoticeText(n, locale)).join(locale === 'zh' ? '；' : '; ');
}
