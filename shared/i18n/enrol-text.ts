import type { CodeRefusal, EnrolQrProblem, TrustCheckProblem } from '../sync/enrol-qr.js';
import type { Localized } from './locale.js';

/** The hub's refusal of an enrolment code, worded for the command line and the counter (the hub's own words are English). */
export const CODE_REFUSAL_TEXT: { readonly [R in CodeRefusal]: Localized } = {
  UNKNOWN_CODE: { zh: '中心没有这个登记码：请核对后重输，或向中心申请新的登记码', en: 'the hub knows no such code: check it, or ask the bureau for a new one' },
  CODE_USED: { zh: '这个登记码已经用过（一码只能注册一台终端）：请向中心申请新的登记码', en: 'this code has been used already (one code enrols one terminal): ask the bureau for a new one' },
  CODE_EXPIRED: { zh: '这个登记码已过期：请向中心申请新的登记码', en: 'this code has expired: ask the bureau for a new one' },
  WRONG_PLACE: { zh: '这个登记码是为另一服务项目发放的；登记码仍可使用', en: 'this code was issued for another service; it is still unused' },
  TERMINAL_EXISTS: { zh: '中心已有同一终端编号：请另取一个终端编号', en: 'the hub already has a terminal with this id: choose another id' },
};

/** Why a scanned or typed text is not an enrolment QR. */
export const QR_PROBLEM_TEXT: { readonly [P in EnrolQrProblem]: Localized } = {
  TOO_LONG: { zh: '这不是注册二维码（内容过长）', en: 'this is not an enrolment QR (far too long)' },
  NOT_JSON: { zh: '这不是注册二维码（扫到的可能是卡片或其他二维码）', en: 'this is not an enrolment QR (perhaps a card or another code was scanned)' },
  NOT_ENROL_QR: { zh: '这不是注册二维码（缺少中心网址、登记码或信任密钥指纹）', en: 'this is not an enrolment QR (no hub URL, code or trust key thumbprint)' },
};

/** Why the hub's trust list was not pinned. */
export const TRUST_PROBLEM_TEXT: { readonly [P in TrustCheckProblem]: Localized } = {
  NOT_TRUST_BUNDLE: { zh: '中心发来的不是签名的信任列表', en: 'the hub did not send a signed trust list' },
  NO_SUCH_KEY: {
    zh: '中心的信任列表中没有二维码所指的信任密钥：这可能不是发卡机关的中心，或二维码是在信任密钥更换前打印的',
    en: 'the hub’s trust list has no key with the QR’s thumbprint: this may not be the bureau’s hub, or the QR was printed before its trust key changed',
  },
  KEY_MAY_NOT_SIGN_TRUST: { zh: '二维码所指的密钥无权签署信任列表', en: 'the key the QR names may not sign trust lists' },
  NOT_SIGNED_BY_KEY: { zh: '信任列表不是由二维码所指的密钥签署的', en: 'the trust list is not signed by the key the QR names' },
  BROKEN_CHAIN: { zh: '信任列表的后续版本未由前一版本的信任密钥依次签署', en: 'a later trust version is not the next one, signed by a trust key of the version before' },
  NOT_ACKED: {
    zh: '中心的登记答复没有发卡机关签署的确认：这可能不是发卡机关的中心，请向发卡机关核实',
    en: 'the hub’s enrolment answer carries no acknowledgement signed by the bureau: this may not be the bureau’s hub, check with the bureau',
  },
  ROLLED_BACK: {
    zh: '中心发来的信任列表比二维码打印时的版本旧：这可能不是发卡机关的中心，请向发卡机关核实',
    en: 'the hub’s trust list is older than the version the QR was printed under: this may not be the bureau’s hub, check with the bureau',
  },
};

/** A terminal that trusts a bureau already, shown a QR whose trust key it does not hold. */
export const TRUST_NOT_HELD_TEXT: Localized = {
  zh: '二维码所指的信任密钥不在本终端已有的信任列表中：此二维码不是本终端所信任的发卡机关的',
  en: 'the trust key the QR names is not in the trust list this terminal holds: the QR is not from the bureau this terminal trusts',
};

/** The hub took the code, but the trust list it sent could not be kept. */
export const trustNotPinnedText = (detail: string): Localized => ({
  zh: `中心已接受登记码，但信任列表未能导入（${detail}）：请向中心申请新的登记码`,
  en: `the hub took the code but the trust list could not be kept (${detail}): ask the bureau for a new code`,
});
