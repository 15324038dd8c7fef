import type { Localized } from './locale.js';

/** Verdict words shown large at the counter. */
export const VERDICT_TEXT: Readonly<Record<'accept' | 'reject', Localized>> = {
  accept: { zh: '通过', en: 'ACCEPTED' },
  reject: { zh: '拒绝', en: 'REJECTED' },
};

/** Names of companion relations (Art. 18–20). */
export const RELATION_TEXT: Readonly<Record<'spouse' | 'child' | 'parent' | 'spouse_parent' | 'escort', Localized>> = {
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '未成年子女', en: 'Minor children' },
  parent: { zh: '父母', en: 'Parents' },
  spouse_parent: { zh: '配偶父母', en: "Spouse's parents" },
  escort: { zh: '陪同人员', en: 'Escort' },
};

/** Card names by issuer and tier (Art. 31; the Huicai card counts as A). */
export function cardTypeText(iss: string, tier: string): Localized {
  if (iss === 'sd-hrss') return { zh: '山东惠才卡（按A卡）', en: 'Shandong Huicai card (as tier A)' };
  return { zh: `聊城市人才服务金卡（${tier}）`, en: `Liaocheng talent gold card (${tier})` };
}
