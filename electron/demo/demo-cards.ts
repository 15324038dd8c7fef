import type { CardClaims } from '../../shared/token/card-claims.js';

const DAY = 86_400;

/** One sample card of the demo and what it shows. */
export interface DemoCard {
  file: string;
  label: string;
  issuer: 'lc' | 'sd' | 'forger';
  claims: CardClaims;
  /** Included in the demo revocation list. */
  revoked?: boolean;
}

/** The demo card set: each tier, the Huicai card, and each way a card can fail. All marked DEMO. */
export function demoCards(nowSec: number): DemoCard[] {
  const base = { iat: nowSec - 30 * DAY, nbf: nowSec - 30 * DAY, exp: nowSec + 2 * 365 * DAY };
  const lc = (sub: string, tier: CardClaims['tier'], cat: number, name: string, idt: string) => ({ iss: 'lc-hrss', sub, tier, cat, name, idt, ...base });
  return [
    { file: 'gold-a', label: '金卡A（领军人才）', issuer: 'lc', claims: lc('DEMO-LC-A-0001', 'A', 2, '张*明', '1234') },
    { file: 'gold-b', label: '金卡B（优秀人才）', issuer: 'lc', claims: lc('DEMO-LC-B-0002', 'B', 3, '李*华', '5678') },
    { file: 'gold-c', label: '金卡C（柔性引进）', issuer: 'lc', claims: lc('DEMO-LC-C-0003', 'C', 4, '王*芳', '901X') },
    { file: 'huicai', label: '山东惠才卡', issuer: 'sd', claims: { ...lc('DEMO-SD-0004', 'A', 1, '赵*强', '2468'), iss: 'sd-hrss' } },
    { file: 'expired', label: '已过期的金卡A', issuer: 'lc', claims: { ...lc('DEMO-LC-A-0005', 'A', 2, '刘*洋', '1357'), nbf: nowSec - 800 * DAY, iat: nowSec - 800 * DAY, exp: nowSec - DAY } },
    { file: 'not-yet-valid', label: '尚未生效的金卡B', issuer: 'lc', claims: { ...lc('DEMO-LC-B-0006', 'B', 3, '陈*静', '8642'), nbf: nowSec + 10 * DAY } },
    { file: 'revoked', label: '已收回的金卡A', issuer: 'lc', claims: lc('DEMO-LC-A-0007', 'A', 2, '杨*伟', '3579'), revoked: true },
    { file: 'forged', label: '伪造的金卡A（签名无效）', issuer: 'forger', claims: lc('DEMO-LC-A-0008', 'A', 1, '周*杰', '0000') },
    { file: 'phone-code', label: '手机动态码（5分钟有效）', issuer: 'lc', claims: { ...lc('DEMO-LC-A-0001', 'A', 2, '张*明', '1234'), iat: nowSec, exp: nowSec + 300 } },
  ];
}
