import type { ReasonCode } from '../reason-codes.js';
import type { Localized } from './locale.js';

/** What a reason means and what the counter staff should say or do. */
export interface ReasonText {
  title: Localized;
  action: Localized;
}

/** Plain-language texts for every reason and warning code (§6). */
export const REASON_TEXT: Readonly<Record<ReasonCode, ReasonText>> = {
  MALFORMED: {
    title: { zh: '无法识别的二维码', en: 'Not a card code' },
    action: { zh: '这不是人才金卡二维码，请持卡人出示金卡或惠才卡的二维码后重新扫描。', en: 'This is not a talent card code. Ask for the gold card or Huicai card QR code and scan again.' },
  },
  UNSUPPORTED_ALG: {
    title: { zh: '二维码签名方式不被接受', en: 'Unsupported signature' },
    action: { zh: '该码不是正规发卡机关签发的，不能办理。请持卡人联系发卡机关。', en: 'The code was not signed the way issuers sign cards. Refer the holder to the issuing bureau.' },
  },
  UNKNOWN_ISSUER: {
    title: { zh: '发卡机关不受信任', en: 'Unknown issuer' },
    action: { zh: '本终端不认可此发卡机关。若确为金卡或惠才卡，请联系主管更新信任列表。', en: 'This terminal does not trust the issuer. If the card looks genuine, ask the supervisor to update the trust list.' },
  },
  UNKNOWN_KEY: {
    title: { zh: '发卡密钥未知', en: 'Unknown signing key' },
    action: { zh: '发卡机关可能已更换密钥，请联系主管同步最新信任列表后重试。', en: 'The issuer may have rotated its key. Ask the supervisor to sync the trust list, then try again.' },
  },
  BAD_SIGNATURE: {
    title: { zh: '签名无效（疑似伪造）', en: 'Invalid signature (possible forgery)' },
    action: { zh: '二维码内容被改动或为伪造，不能办理。请礼貌告知持卡人联系发卡机关。', en: 'The code was altered or forged. Do not serve; politely refer the holder to the issuing bureau.' },
  },
  CLAIMS_INVALID: {
    title: { zh: '卡内信息不完整或不一致', en: 'Card data invalid' },
    action: { zh: '卡片信息有误（如卡类与人才类别不符），请持卡人联系发卡机关换卡。', en: 'The card data is incomplete or inconsistent (e.g. tier and category disagree). Refer the holder to the issuer.' },
  },
  NOT_YET_VALID: {
    title: { zh: '卡片尚未生效', en: 'Card not yet valid' },
    action: { zh: '此卡还未到生效日期，请在生效后再来办理。', en: 'The card is not valid yet. The holder may use it from its start date.' },
  },
  EXPIRED: {
    title: { zh: '卡片已过期', en: 'Card expired' },
    action: { zh: '此卡已过有效期，请持卡人联系发卡机关续期或换卡；动态码请刷新后再扫。', en: 'The card has expired. Refer the holder for renewal; for a phone code, refresh it and scan again.' },
  },
  CLOCK_SUSPECT: {
    title: { zh: '终端时钟可疑', en: 'Terminal clock suspect' },
    // Neutral: the decision does not know whether the clock or the time seen is wrong (an enrolled terminal's status does).
    action: { zh: '本机时间早于本终端之前见过的时间。请主管核对时钟。', en: 'The clock is behind what this terminal has seen: ask the supervisor to check the clock.' },
  },
  REVOKED: {
    title: { zh: '卡片已被收回', en: 'Card revoked' },
    action: { zh: '此卡已被发卡机关收回或挂失（第三十四条），不能办理。请持卡人联系发卡机关。', en: 'The issuer has revoked this card (Art. 34). Do not serve; refer the holder to the issuer.' },
  },
  LISTS_STALE: {
    title: { zh: '吊销名单未及时更新', en: 'Revocation list out of date' },
    action: { zh: '本终端的吊销名单过旧或缺失，请尽快联网同步或导入最新名单。', en: 'The revocation list is old or missing. Sync or import the latest list soon.' },
  },
  NOT_ENTITLED: {
    title: { zh: '此卡不含该项服务', en: 'Service not included for this card' },
    action: { zh: '按第三十一条，此卡等级不享受本项服务。请向持卡人说明其卡可享受的服务范围。', en: 'Under Art. 31 this card tier does not include this service. Explain which services the card covers.' },
  },
  ENTITLEMENT_ENDED: {
    title: { zh: '优惠期限已满', en: 'Benefit period over' },
    action: { zh: '该项优惠的享受期限已满（如免费观影3年、养老补贴36个月），不能再办理。', en: 'The benefit has run its course (e.g. 3 years of films, 36 monthly subsidies).' },
  },
  QUOTA_EXHAUSTED: {
    title: { zh: '本期次数已用完', en: 'Quota used up for this period' },
    action: { zh: '本期免费次数已用完，请告知持卡人下一期开始日期，或按正常价格办理。', en: 'No free uses left this period. Tell the holder when the next period starts, or serve at the normal price.' },
  },
  DUPLICATE: {
    title: { zh: '短时间内重复使用', en: 'Used again just now' },
    action: { zh: '此卡刚刚已在本服务登记过，请确认不是重复扫描。', en: 'This card was recorded for this service moments ago. Make sure this is not a repeat scan.' },
  },
  COMPANIONS_EXCEEDED: {
    title: { zh: '同行人数超出规定', en: 'Too many companions' },
    action: { zh: '按第十八至二十条，同行人员为配偶、未成年子女、父母、配偶父母及一名陪同人员；其他服务仅限本人。请减少同行人数。', en: 'Art. 18–20 admit spouse, minor children, parents, spouse’s parents and one escort; other services the holder only. Reduce the party.' },
  },
};
