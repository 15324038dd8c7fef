import { rulesSchema, type Rules, type RulesInput } from './rules-schema.js';

type ServiceInput = RulesInput['services'][number];

const svc = (id: string, article: number, zh: string, en: string, extra: Partial<ServiceInput> = {}): ServiceInput => ({
  id,
  article,
  name: { zh, en },
  ...extra,
});

/**
 * The built-in rules: DESIGN.md §2 as taken from 聊委人组办发〔2022〕7号.
 * A signed `jinka/rules` bundle from the bureau replaces them (Art. 39).
 */
export const DEFAULT_RULES_INPUT: RulesInput = {
  // Art. 31: A — Art. 5 (1)(2), Art. 6–30; B — (3), Art. 11–22; C — (4)(5), Art. 16–20.
  tiers: {
    A: { articles: [6, 30], categories: [1, 2] },
    B: { articles: [11, 22], categories: [3] },
    C: { articles: [16, 20], categories: [4, 5] },
  },
  // Art. 5 (1): the provincial Huicai card counts as gold card A for category 1.
  issuerConstraints: { 'sd-hrss': { tiers: ['A'], categories: [1] } },
  services: [
    svc('hospital', 17, '就医绿色通道', 'Hospital green channel'),
    svc('bus', 18, '汽车站绿色通道', 'Bus station green channel', { companions: true, requiresTicket: true }),
    svc('vehicle', 18, '车驾管优先办理', 'Vehicle and licence priority'),
    svc('scenic', 19, '景区/森林公园免费入园', 'Free entry to scenic areas and forest parks', { companions: true }),
    svc('gym', 20, '公共体育场馆免费健身', 'Free entry to public sports venues', { companions: true }),
    // Art. 21: a free library card, once.
    svc('library', 21, '免费图书馆借阅证', 'Free library card', { quota: { period: 'lifetime', limit: 1 } }),
    // Art. 21: 12 free films a year, for 3 consecutive years.
    svc('cinema', 21, '指定影院免费观影', 'Free films at designated cinemas', {
      quota: { period: 'card_year', limit: 12, periods: 3 },
    }),
    // Art. 22: 800 yuan a month per parent aged 60+, at most 3 years (read as 36 claims).
    svc('eldercare', 22, '父母入住养老机构补贴', 'Elderly-care home subsidy for parents', {
      requiresBeneficiary: true,
      quota: { period: 'calendar_month', limit: 1, totalLimit: 36, perBeneficiary: true },
    }),
    svc('market', 23, '市场主体登记绿色通道', 'Business registration green channel'),
    svc('tax', 24, '税务绿色通道', 'Tax service green channel'),
    svc('research', 25, '科研平台优先支持', 'Priority use of research platforms'),
    svc('customs', 26, '海关通关便利', 'Customs clearance facilitation'),
    svc('bank', 27, '金融绿色通道', 'Banking green channel'),
    svc('entry_exit', 6, '出入境、工作许可和居留', 'Entry, work permit and residence'),
    svc('hukou', 7, '户籍办理', 'Household registration'),
    svc('social_insurance', 8, '社会保险转移接续', 'Social insurance transfer'),
    svc('vacation', 9, '专家休假疗养', 'Expert vacation and recuperation'),
    svc('post', 10, '岗位聘用', 'Post appointment'),
    svc('staffing', 11, '周转编制', 'Revolving staffing quota'),
    svc('housing', 12, '人才住房与公积金贷款', 'Talent housing and provident-fund loans'),
    svc('spouse_job', 13, '配偶安置', 'Spouse employment'),
    svc('school', 14, '子女入学', "Children's school admission"),
    svc('title', 15, '职称评定', 'Professional title evaluation'),
    svc('salary', 16, '薪酬管理', 'Salary arrangements'),
    svc('policy', 28, '政策宣传与一对一推介', 'Policy briefings and one-to-one advice'),
    svc('industry_tour', 29, '产业环境考察', 'Industry environment tours'),
    svc('projects', 30, '合作项目推介', 'Cooperation project matching'),
  ],
  // Art. 18–20: spouse, minor children, parents, spouse's parents and one escort.
  // Children: the regulation sets no number; 3 is the national three-child limit.
  companionLimits: { spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 },
  sitePolicyDefaults: { clockToleranceSeconds: 60, duplicateWindowSeconds: 600, listStaleHours: 72, escalate: [] },
};

/** Version of the built-in rules; any signed rules bundle must carry a higher one. */
export const DEFAULT_RULES_VERSION = 0;

/** The built-in rules, validated once. */
export const DEFAULT_RULES: Rules = rulesSchema.parse(DEFAULT_RULES_INPUT);
