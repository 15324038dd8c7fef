import type { CardStatus } from '../../../shared/console/card-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the cards page: find, issue one, the list. */
export interface CardsText {
  title: string;
  tab: Record<'find' | 'issue', string>;
  findTitle: string;
  bySub: string;
  bySubHint: string;
  byId: string;
  byIdHint: string;
  find: string;
  notFound: string;
  noCardForId: string;
  issueTitle: string;
  holderName: string;
  idNumber: string;
  idNumberHint: string;
  idFormat: string;
  idCheck: string;
  nameBad: string;
  category: string;
  categoryOption: (n: number) => string;
  validFrom: string;
  validUntil: string;
  issue: string;
  issued: (sub: string) => string;
  listTitle: string;
  anyTier: string;
  anyStatus: string;
  issuedFrom: string;
  issuedTo: string;
  tier: string;
  status: string;
  statusName: Record<CardStatus, string>;
  colSub: string;
  colHolder: string;
  colIdTail: string;
  colValid: string;
  colIssued: string;
  total: (n: number, from: number, to: number) => string;
  previous: string;
  next: string;
  noCards: string;
  cardTitle: (sub: string) => string;
  sheet: string;
  qr: string;
  token: string;
  /** Why a card not in force offers no downloads. */
  noDownloads: (why: 'revoked' | 'replaced' | 'expired') => string;
  /** Above a revoked or expired card's quotas: they are a record, not what is left. */
  quotasOver: string;
  revokedBecause: (reason: string) => string;
  replacedBy: (sub: string) => string;
  open: string;
  close: string;
  quotasTitle: string;
  colService: string;
  colPeriod: string;
  colUsed: string;
  colRemaining: string;
  colPeriodEnd: string;
  period: Record<'card_year' | 'calendar_month' | 'lifetime', string>;
  /** Beneficiaries the rules name (a name not listed shows as written). */
  beneficiary: Readonly<Record<string, string>>;
  ended: string;
  usesTitle: string;
  noUses: string;
  colAt: string;
  colSite: string;
  colCompanions: string;
  colCounts: string;
  counts: string;
  notCounted: string;
  withdrawTitle: string;
  withdrawLead: string;
  reason: string;
  confirmSub: (sub: string) => string;
  revoke: string;
  reissue: string;
  revoked: (sub: string) => string;
  reissued: (old: string, sub: string) => string;
}

export const CARDS_TEXT: Readonly<Record<Locale, CardsText>> = {
  zh: {
    title: '金卡',
    tab: { find: '查找与列表', issue: '办理新卡' },
    findTitle: '查找金卡',
    bySub: '按卡号',
    bySubHint: '例如 LC-A-000123',
    byId: '按身份证号',
    byIdHint: '只用于查找，不显示、不保存。',
    find: '查找',
    notFound: '没有这个卡号。',
    noCardForId: '此证件号没有有效金卡。',
    issueTitle: '办理一张金卡',
    holderName: '持卡人姓名',
    idNumber: '身份证号或护照号',
    idNumberHint: '18 位身份证号会核对校验位。',
    idFormat: '证件号应为 6 到 32 位字母和数字。',
    idCheck: '身份证号校验位不符，请检查是否输错。',
    nameBad: '姓名只能包含文字、空格和 · . , \' -。',
    category: '人才类别（第五条）',
    categoryOption: (n) => `第 ${n} 类`,
    validFrom: '有效期起',
    validUntil: '有效期止',
    issue: '办卡',
    issued: (sub) => `已办理金卡 ${sub}。`,
    listTitle: '金卡列表',
    anyTier: '全部卡类',
    anyStatus: '全部状态',
    issuedFrom: '办理日期从',
    issuedTo: '办理日期到',
    tier: '卡类',
    status: '状态',
    statusName: { valid: '有效', pending: '未生效', expired: '已过期', revoked: '已注销' },
    colSub: '卡号',
    colHolder: '持卡人',
    colIdTail: '证件号后四位',
    colValid: '有效期',
    colIssued: '办理时间',
    total: (n, from, to) => `共 ${n} 张，显示第 ${from}–${to} 张`,
    previous: '上一页',
    next: '下一页',
    noCards: '没有符合条件的金卡。',
    cardTitle: (sub) => `金卡 ${sub}`,
    sheet: '下载卡片页（PDF）',
    qr: '下载二维码图片',
    token: '下载令牌文本',
    noDownloads: (why) => `此卡${{ revoked: '已注销', replaced: '已换发', expired: '已过期' }[why]}，不再提供卡片页、二维码和令牌。`,
    quotasOver: '此卡已注销或已过期，下表额度不能再用，仅供查阅。',
    revokedBecause: (r) => `注销原因：${r}`,
    replacedBy: (s) => `已换发为 ${s}`,
    open: '详情',
    close: '关闭详情',
    quotasTitle: '各项服务的额度',
    colService: '服务项目',
    colPeriod: '周期',
    colUsed: '已用',
    colRemaining: '剩余',
    colPeriodEnd: '本期截止',
    period: { card_year: '持卡年度', calendar_month: '自然月', lifetime: '有效期内' },
    beneficiary: { holder: '本人', father: '父亲', mother: '母亲', spouse: '配偶', child: '子女' },
    ended: '已结束',
    usesTitle: '使用记录',
    noUses: '还没有使用记录。',
    colAt: '时间',
    colSite: '地点',
    colCompanions: '随行',
    colCounts: '计入额度',
    counts: '计入',
    notCounted: '不计入',
    withdrawTitle: '注销或换发（第三十四条）',
    withdrawLead: '注销后，各核验终端在下次同步后将拒绝此卡。换发会注销此卡并为同一持卡人办理新卡。',
    reason: '原因（必填）',
    confirmSub: (s) => `请再次输入卡号 ${s} 以确认`,
    revoke: '注销此卡',
    reissue: '注销并换发新卡',
    revoked: (s) => `金卡 ${s} 已注销。`,
    reissued: (o, s) => `金卡 ${o} 已注销，新卡为 ${s}。`,
  },
  en: {
    title: 'Cards',
    tab: { find: 'Find and list', issue: 'Issue a card' },
    findTitle: 'Find a card',
    bySub: 'By card number',
    bySubHint: 'e.g. LC-A-000123',
    byId: 'By ID number',
    byIdHint: 'Used only to search; never shown or stored.',
    find: 'Find',
    notFound: 'No card has this number.',
    noCardForId: 'This ID number has no card in force.',
    issueTitle: 'Issue one card',
    holderName: 'Holder’s name',
    idNumber: 'ID or passport number',
    idNumberHint: 'An 18-character resident ID’s check character is verified.',
    idFormat: 'An ID number has 6 to 32 letters and digits.',
    idCheck: 'The ID number’s check character does not match: a typing error?',
    nameBad: 'A name may hold letters, spaces and · . , \' - only.',
    category: 'Talent category (Art. 5)',
    categoryOption: (n) => `Category ${n}`,
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    issue: 'Issue',
    issued: (sub) => `Card ${sub} issued.`,
    listTitle: 'All cards',
    anyTier: 'Any tier',
    anyStatus: 'Any state',
    issuedFrom: 'Issued from',
    issuedTo: 'Issued until',
    tier: 'Tier',
    status: 'State',
    statusName: { valid: 'In force', pending: 'Not yet valid', expired: 'Expired', revoked: 'Revoked' },
    colSub: 'Card number',
    colHolder: 'Holder',
    colIdTail: 'ID ends',
    colValid: 'Valid',
    colIssued: 'Issued',
    total: (n, from, to) => `${n} cards, ${from}–${to} shown`,
    previous: 'Previous',
    next: 'Next',
    noCards: 'No card matches.',
    cardTitle: (sub) => `Card ${sub}`,
    sheet: 'Download the card sheet (PDF)',
    qr: 'Download the QR image',
    token: 'Download the token',
    noDownloads: (why) => `This card is ${why}: its sheet, QR code and token are no longer handed out.`,
    quotasOver: 'This card is revoked or expired: the quotas below can no longer be used and are shown for the record.',
    revokedBecause: (r) => `Revoked: ${r}`,
    replacedBy: (s) => `Re-issued as ${s}`,
    open: 'Details',
    close: 'Close details',
    quotasTitle: 'Quotas by service',
    colService: 'Service',
    colPeriod: 'Period',
    colUsed: 'Used',
    colRemaining: 'Left',
    colPeriodEnd: 'Period ends',
    period: { card_year: 'Card year', calendar_month: 'Calendar month', lifetime: 'Whole validity' },
    beneficiary: { holder: 'holder', father: 'father', mother: 'mother', spouse: 'spouse', child: 'child' },
    ended: 'Ended',
    usesTitle: 'Uses',
    noUses: 'No uses yet.',
    colAt: 'Time',
    colSite: 'Site',
    colCompanions: 'Companions',
    colCounts: 'Counts',
    counts: 'Counts',
    notCounted: 'Not counted',
    withdrawTitle: 'Revoke or re-issue (Art. 34)',
    withdrawLead: 'Once revoked, every terminal refuses this card after its next sync. Re-issuing revokes it and issues a new card to the same holder.',
    reason: 'Reason (required)',
    confirmSub: (s) => `Type the card number ${s} again to confirm`,
    revoke: 'Revoke this card',
    reissue: 'Revoke and re-issue',
    revoked: (s) => `Card ${s} is revoked.`,
    reissued: (o, s) => `Card ${o} is revoked; the new card is ${s}.`,
  },
};
