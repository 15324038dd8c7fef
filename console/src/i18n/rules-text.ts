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
  },
};
