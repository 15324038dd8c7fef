import type { KeyUse } from '../../../shared/bundles/bundle-schemas.js';
import type { KeyStatus } from '../../../shared/console/key-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the keys and issuers page. */
export interface KeysText {
  title: string;
  keysCaption: (trustVersion: number) => string;
  keysCaptionNoTrust: string;
  colKid: string;
  colRole: string;
  colStatus: string;
  colUsage: string;
  colCreated: string;
  colLastCard: string;
  colThumbprint: string;
  colActions: string;
  role: Record<'signing' | 'trust', string>;
  status: Record<KeyStatus, string>;
  /** What a key may sign, in words (the trust list's `jinka_use`). */
  use: Record<KeyUse, string>;
  listSeparator: string;
  usageNone: string;
  /** One line: 已下线 (automatic, its cards all expired) against 退役 (an admin's act). */
  statesExplained: string;
  copy: string;
  copyLabel: (kid: string) => string;
  copied: string;
  selected: string;
  retire: string;
  retireTitle: (kid: string) => string;
  retireConfirm: string;
  confirmRetire: string;
  cancel: string;
  rotateTitle: string;
  rotateLead: string;
  rotateRole: string;
  passphrase: string;
  rotate: string;
  rotated: (kid: string) => string;
  retired: (kid: string) => string;
  issuersCaption: string;
  issuersHow: string;
  colRegistered: string;
  notRelayed: string;
  colIssuer: string;
  colName: string;
  colKeys: string;
  colRelayed: string;
  noIssuers: string;
}

export const KEYS_TEXT: Readonly<Record<Locale, KeysText>> = {
  zh: {
    title: '密钥与发卡方',
    keysCaption: (v) => `本局密钥（信任列表版本 ${v}）`,
    keysCaptionNoTrust: '本局密钥（尚未发布信任列表）',
    colKid: '密钥编号',
    colRole: '用途',
    colStatus: '状态',
    colUsage: '可签发',
    colCreated: '创建时间',
    colLastCard: '所签最后一张卡到期日',
    colThumbprint: '指纹',
    colActions: '操作',
    role: { signing: '签发卡片和名单', trust: '签发信任列表' },
    status: { current: '正在使用', trust: '信任密钥', published: '已发布（旧）', unpublished: '已下线', retired: '已退役', compromised: '已泄露' },
    use: { card: '金卡', list: '注销名单', trust: '信任列表' },
    listSeparator: '、',
    usageNone: '不再签发',
    statesExplained: '“已下线”：旧密钥签过的金卡都已到期，系统自动把它移出信任列表；“已退役”：管理员手动移出，它签过的未到期金卡也将被终端拒绝。',
    copy: '复制',
    copyLabel: (k) => `复制密钥 ${k} 的指纹`,
    copied: '已复制',
    selected: '已选中，请按 Ctrl+C 复制',
    retire: '退役',
    retireTitle: (k) => `让密钥 ${k} 退役`,
    retireConfirm: '退役后它不再出现在信任列表中：各终端下次同步后，它签过的未到期金卡和名单都不再被接受。此操作不能撤销。',
    confirmRetire: '确认退役',
    cancel: '取消',
    rotateTitle: '更换密钥',
    rotateLead: '生成新密钥并发布新的信任列表。需要再次输入服务器口令。',
    rotateRole: '更换哪一把',
    passphrase: '服务器口令',
    rotate: '更换',
    rotated: (k) => `新密钥 ${k} 已启用。`,
    retired: (k) => `密钥 ${k} 已退役。`,
    issuersCaption: '其他发卡方（如省惠才卡）',
    issuersHow: '登记其他发卡方和转发其注销名单在服务器上用命令 jinka-hub issuer add 和 jinka-hub issuer relay 完成，此处只供查阅。',
    colRegistered: '登记日期',
    notRelayed: '尚未转发',
    colIssuer: '发卡方',
    colName: '名称',
    colKeys: '密钥',
    colRelayed: '已转发的注销名单序号',
    noIssuers: '没有登记其他发卡方。',
  },
  en: {
    title: 'Keys and issuers',
    keysCaption: (v) => `The bureau’s keys (trust list version ${v})`,
    keysCaptionNoTrust: 'The bureau’s keys (no trust list published yet)',
    colKid: 'Key id',
    colRole: 'Role',
    colStatus: 'State',
    colUsage: 'May sign',
    colCreated: 'Created',
    colLastCard: 'Last card it signed expires',
    colThumbprint: 'Thumbprint',
    colActions: 'Actions',
    role: { signing: 'Signs cards and lists', trust: 'Signs trust lists' },
    status: { current: 'Current', trust: 'Trust key', published: 'Published (older)', unpublished: 'Unpublished', retired: 'Retired', compromised: 'Compromised' },
    use: { card: 'cards', list: 'revocation lists', trust: 'trust lists' },
    listSeparator: ', ',
    usageNone: 'nothing any more',
    statesExplained: '“Unpublished”: every card the old key signed has expired, so the hub left it out of the trust list by itself; “Retired”: an admin took it out, and terminals refuse the cards it signed that are still valid.',
    copy: 'Copy',
    copyLabel: (k) => `Copy key ${k}’s thumbprint`,
    copied: 'Copied',
    selected: 'Selected: press Ctrl+C to copy',
    retire: 'Retire',
    retireTitle: (k) => `Retire key ${k}`,
    retireConfirm: 'It leaves the trust list: after their next sync, terminals accept none of the cards or lists it signed, even those still valid. This cannot be undone.',
    confirmRetire: 'Retire it',
    cancel: 'Cancel',
    rotateTitle: 'Rotate a key',
    rotateLead: 'Makes a new key and publishes a new trust list. Asks for the hub passphrase again.',
    rotateRole: 'Which key',
    passphrase: 'Hub passphrase',
    rotate: 'Rotate',
    rotated: (k) => `New key ${k} is in use.`,
    retired: (k) => `Key ${k} is retired.`,
    issuersCaption: 'Other issuers (such as the province’s Huicai card)',
    issuersHow: 'Other issuers are registered and their revocation lists relayed on the hub with jinka-hub issuer add and jinka-hub issuer relay; this page only shows them.',
    colRegistered: 'Registered',
    notRelayed: 'none yet',
    colIssuer: 'Issuer',
    colName: 'Name',
    colKeys: 'Keys',
    colRelayed: 'Relayed revocation seq.',
    noIssuers: 'No other issuer is registered.',
  },
};
