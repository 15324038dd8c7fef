import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the rules page (Art. 39): the catalogue in force, and publishing a new version after its diff. */
export interface RulesText {
  title: string;
  inForce: (version: number, when: string) => string;
  colService: string;
  colArticle: string;
  colTiers: string;
  colQuota: string;
  colCompanions: string;
  article: (n: number) => string;
  quota: (limit: number, period: string, perBeneficiary: boolean) => string;
  noQuota: string;
  period: Record<'card_year' | 'calendar_month' | 'lifetime', string>;
  yes: string;
  no: string;
  publishTitle: string;
  publishLead: string;
  file: string;
  chooseFile: string;
  noFile: string;
  preview: string;
  diffTitle: (base: number, next: number) => string;
  change: Record<'added' | 'removed' | 'changed', string>;
  colChange: string;
  colField: string;
  before: string;
  after: string;
  publish: (next: number) => string;
  published: (version: number) => string;
  noChanges: string;
  /** A changed part of the rules other than a service, in words. */
  part: Record<'tiers' | 'companionLimits' | 'sitePolicyDefaults' | 'issuerConstraints', string>;
  /** A changed field's dotted path (rules-schema) in words; a path not listed is shown as written. */
  field: Readonly<Record<string, string>>;
  /** `A.articles` and the like: a tier's field. */
  tierField: (tier: string, field: string) => string;
  /** `companionLimits.spouse`: the most companions of a relation per use. */
  companionLimit: (relation: string) => string;
  /** `issuerConstraints.sd-hrss.tiers`: what another issuer's cards may carry. */
  issuerField: (iss: string, field: string) => string;
}

export const RULES_TEXT: Readonly<Record<Locale, RulesText>> = {
  zh: {
    title: '服务规则（第三十九条）',
    inForce: (v, w) => `现行版本 ${v}，发布于 ${w}`,
    colService: '服务项目',
    colArticle: '条款',
    colTiers: '适用卡类',
    colQuota: '额度',
    colCompanions: '可带随行',
    article: (n) => `第 ${n} 条`,
    quota: (l, p, b) => `${p} ${l} 次${b ? '（每位受益人）' : ''}`,
    noQuota: '不限',
    period: { card_year: '每持卡年度', calendar_month: '每月', lifetime: '有效期内' },
    yes: '是',
    no: '否',
    publishTitle: '发布新版本',
    publishLead: '上传规则文件（JSON），先查看与现行版本的差异，确认后再签名发布。各终端在下次同步时取得新版本。',
    file: '规则文件',
    chooseFile: '选择文件…',
    noFile: '未选择文件',
    preview: '检查并查看差异',
    diffTitle: (b, n) => `版本 ${b} → ${n} 的差异`,
    change: { added: '新增', removed: '删除', changed: '修改' },
    colChange: '变更',
    colField: '字段',
    before: '原值',
    after: '新值',
    publish: (n) => `签名并发布版本 ${n}`,
    published: (v) => `版本 ${v} 已发布。`,
    noChanges: '没有差异。',
    part: { tiers: '卡类适用条款', companionLimits: '随行人数上限', sitePolicyDefaults: '终端默认设置', issuerConstraints: '其他发卡方限制' },
    field: {
      article: '条款',
      'name.zh': '中文名称',
      'name.en': '英文名称',
      companions: '可带随行',
      requiresTicket: '须出示门票',
      requiresBeneficiary: '须选受益人',
      quota: '额度',
      'quota.period': '额度周期',
      'quota.limit': '每期次数',
      'quota.periods': '期数',
      'quota.totalLimit': '总次数上限',
      'quota.perBeneficiary': '按受益人分别计数',
      clockToleranceSeconds: '时钟容差（秒）',
      duplicateWindowSeconds: '重复刷卡窗口（秒）',
      listStaleHours: '名单过期提醒（小时）',
      escalate: '升级为拒绝的提醒',
      articles: '适用条款',
      categories: '人才类别',
      tiers: '卡类',
    },
    tierField: (tier, f) => `${tier} 卡${f}`,
    companionLimit: (r) => `${r}最多人数`,
    issuerField: (iss, f) => `${iss} 的${f}`,
  },
  en: {
    title: 'Service rules (Art. 39)',
    inForce: (v, w) => `Version ${v} in force, published ${w}`,
    colService: 'Service',
    colArticle: 'Article',
    colTiers: 'Tiers',
    colQuota: 'Quota',
    colCompanions: 'Companions',
    article: (n) => `Art. ${n}`,
    quota: (l, p, b) => `${l} ${p}${b ? ' (per beneficiary)' : ''}`,
    noQuota: 'No limit',
    period: { card_year: 'per card year', calendar_month: 'per month', lifetime: 'over the validity' },
    yes: 'Yes',
    no: 'No',
    publishTitle: 'Publish a new version',
    publishLead: 'Upload a rules file (JSON), see how it differs from the version in force, then sign and publish it. Terminals take it at their next sync.',
    file: 'Rules file',
    chooseFile: 'Choose a file…',
    noFile: 'No file chosen',
    preview: 'Check it and show the changes',
    diffTitle: (b, n) => `Changes from version ${b} to ${n}`,
    change: { added: 'Added', removed: 'Removed', changed: 'Changed' },
    colChange: 'Change',
    colField: 'Field',
    before: 'Before',
    after: 'After',
    publish: (n) => `Sign and publish version ${n}`,
    published: (v) => `Version ${v} is published.`,
    noChanges: 'No changes.',
    part: { tiers: 'Articles per tier', companionLimits: 'Companion limits', sitePolicyDefaults: 'Terminal defaults', issuerConstraints: 'Other issuers’ limits' },
    field: {
      article: 'Article',
      'name.zh': 'Chinese name',
      'name.en': 'English name',
      companions: 'Companions allowed',
      requiresTicket: 'Ticket required',
      requiresBeneficiary: 'Beneficiary required',
      quota: 'Quota',
      'quota.period': 'Quota period',
      'quota.limit': 'Uses per period',
      'quota.periods': 'Number of periods',
      'quota.totalLimit': 'Total uses at most',
      'quota.perBeneficiary': 'Counted per beneficiary',
      clockToleranceSeconds: 'Clock tolerance (s)',
      duplicateWindowSeconds: 'Repeat-scan window (s)',
      listStaleHours: 'Stale-list warning (h)',
      escalate: 'Warnings that refuse',
      articles: 'articles',
      categories: 'talent categories',
      tiers: 'tiers',
    },
    tierField: (tier, f) => `Tier ${tier} ${f}`,
    companionLimit: (r) => `${r}: most per use`,
    issuerField: (iss, f) => `${iss}: ${f}`,
  },
};
