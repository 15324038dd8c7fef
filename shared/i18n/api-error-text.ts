import type { ApiErrorCode } from '../api/api-types.js';
import { BENEFICIARY_PROBLEM_TEXT } from '../beneficiary.js';
import type { Locale, Localized } from './locale.js';

/** What each error means to the person at the counter, and what to do. */
export const API_ERROR_TEXT: Readonly<Record<ApiErrorCode, Localized>> = {
  INVALID_INPUT: { zh: '请求内容有误', en: 'Invalid request' },
  NOT_SIGNED_IN: { zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { zh: '此操作需要主管权限', en: 'This needs a supervisor' },
  BAD_PIN: { zh: '工号或密码不正确', en: 'Wrong operator id or PIN' },
  LOCKED_OUT: { zh: '密码错误次数过多，已暂时锁定', en: 'Too many wrong PINs: locked for a while' },
  PIN_TOO_SHORT: {
    zh: '主管密码须至少 6 位数字，请先在终端上运行 jinka operator pin --id 工号 --pin - 设置新密码',
    en: 'A supervisor PIN needs at least 6 digits: set a new one first with jinka operator pin --id ID --pin - at the terminal',
  },
  ID_CHECK_REQUIRED: { zh: '请先核对持卡人身份证件并勾选“已核对身份证件”（第三十三条）', en: 'Check the holder’s ID and tick “ID checked” first (Art. 33)' },
  UNKNOWN_DECISION: { zh: '找不到这次核验，请重新扫码', en: 'This verification is unknown: scan again' },
  NOT_ACCEPTED: { zh: '未通过核验的卡不能登记使用', en: 'Only an accepted card can be recorded' },
  TICKET_REQUIRED: { zh: '请填写当日车票号（第十八条）', en: 'Enter the same-day ticket number (Art. 18)' },
  COMPANIONS_EXCEEDED: { zh: '随行人数超过规定（第十八至二十条）', en: 'Too many companions (Art. 18–20)' },
  QUOTA_EXHAUSTED: { zh: '本期次数已用完，不能登记', en: 'No uses left in this period' },
  NOT_ENROLLED_SERVICE: { zh: '本终端登记的服务项目不是此项，不能登记', en: 'This terminal is enrolled for another service: nothing recorded' },
  REVOKED: { zh: '核验后此卡已被注销（第三十四条），不能登记', en: 'The card was revoked after the check (Art. 34): nothing recorded' },
  DECISION_EXPIRED: { zh: '核验已超过10分钟，请重新扫码', en: 'The check is over 10 minutes old: scan again' },
  UNKNOWN_SERVICE: { zh: '本终端设置的服务项目不在目录中，请主管重新选择', en: 'This counter’s service is not in the catalogue: a supervisor must choose one' },
  BENEFICIARY_REQUIRED: { zh: '请选择补贴对象：父亲或母亲（第二十二条）', en: 'Choose the parent the claim is for: father or mother (Art. 22)' },
  BENEFICIARY_MISPLACED: { zh: '本服务项目不填写补贴对象', en: 'This service takes no beneficiary' },
  BENEFICIARY_ID_NUMBER: BENEFICIARY_PROBLEM_TEXT.ID_NUMBER,
  BENEFICIARY_NOT_A_PARENT: BENEFICIARY_PROBLEM_TEXT.NOT_A_PARENT,
  ENROL_FAILED: { zh: '登记到管理平台未成功，终端设置未改变', en: 'Enrolment at the hub failed; nothing was changed' },
  INSECURE_HUB_URL: {
    zh: '管理平台网址必须以 https:// 开头（明文 http:// 仅限本机），否则网络上任何人都能读取上传的使用记录并冒充平台；终端设置未改变',
    en: 'The hub URL must start with https:// (plain http:// only on this machine): otherwise anyone on the network can read the uses uploaded and pose as the hub; nothing was changed',
  },
  CLOCK_WRONG: {
    zh: '管理平台上次测得本机时钟不准（或之后被调回过）：请先把系统时钟调准，再同步一次，平台确认后会自动清除时钟提示；未重置',
    en: 'The hub last measured this clock as wrong (or it was set back since): set the system clock right first, then sync, which clears the warning when the hub agrees; nothing was reset',
  },
  INTERNAL: { zh: '终端内部错误，请重试；如反复出现请联系技术支持', en: 'Internal error: try again, and call support if it repeats' },
};

/** An API error in one language: the code's words, then the terminal's detail (e.g. how many tries are left) when there is one. */
export function apiErrorText(error: { code: ApiErrorCode; detail?: string | undefined }, locale: Locale): string {
  const text = API_ERROR_TEXT[error.code][locale];
  return error.detail === undefined ? text : `${text}${locale === 'zh' ? '：' : ': '}${error.detail}`;
}
