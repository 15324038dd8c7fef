import type { KeyStatus } from '../../../shared/console/key-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the keys and issuers page. */
export interface KeysText {
  title: string;
  keysCaption: (trustVersion: number) => string;
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
  retire: string;
  retireConfirm: (kid: string) => string;
  rotateTitle: string;
  rotateLead: string;
  rotateRole: string;
  passphrase: string;
  rotate: string;
  rotated: (kid: string) => string;
  retired: (kid: string) => string;
  issuersCaption: string;
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
    colKid: '密钥编号',
    colRole: '用途',
    colStatus: '状态',
    colUsage: '信任列表允许签发',
    colCreated: '创建时间',
    colLastCard: '所签最后一张卡到期',
    colThumbprint: '指纹',
    colActions: '操作',
    role: { signing: '签发卡片和名单', trust: '签发信任列表' },
    status: { current: '正在使用', trust: '信任密钥', published: '已发布（旧）', unpublished: '已下线', retired: '已退役', compromised: '已泄露' },
    retire: '退役',
    retireConfirm: (k) => `确定让密钥 ${k} 退役吗？退役后它不再出现在信任列表中。`,
    rotateTitle: '更换密钥',
    rotateLead: '生成新密钥并发布新的信任列表。需要再次输入服务器口令。',
    rotateRole: '更换哪一把',
    passphrase: '服务器口令',
    rotate: '更换',
    rotated: (k) => `新密钥 ${k} 已启用。`,
    retired: (k) => `密钥 ${k} 已退役。`,
    issuersCaption: '其他发卡方（如省惠才卡）',
    colIssuer: '发卡方',
    colName: '名称',
    colKeys: '密钥',
    colRelayed: '转发的注销名单序号',
    noIssuers: '没有登记其他发卡方。',
  },
  en: {
    title: 'Keys and issuers',
    keysCaption: (v) => `The bureau’s keys (trust list version ${v})`,
    colKid: 'Key id',
    colRole: 'Role',
    colStatus: 'State',
    colUsage: 'Trust list lets it sign',
    colCreated: 'Created',
    colLastCard: 'Last card it signed expires',
    colThumbprint: 'Thumbprint',
    colActions: 'Actions',
    role: { signing: 'Signs cards and lists', trust: 'Signs trust lists' },
    status: { current: 'Current', trust: 'Trust key', published: 'Published (older)', unpublished: 'Unpublished', retired: 'Retired', compromised: 'Compromised' },
    retire: 'Retire',
    retireConfirm: (k) => `Retire key ${k}? It leaves the trust list.`,
    rotateTitle: 'Rotate a key',
    rotateLead: 'Makes a new key and publishes a new trust list. Asks for the hub passphrase again.',
    rotateRole: 'Which key',
    passphrase: 'Hub passphrase',
    rotate: 'Rotate',
    rotated: (k) => `New key ${k} is in use.`,
    retired: (k) => `Key ${k} is retired.`,
    issuersCaption: 'Other issuers (such as the province’s Huicai card)',
    colIssuer: 'Issuer',
    colName: 'Name',
    colKeys: 'Keys',
    colRelayed: 'Relayed revocation seq.',
    noIssuers: 'No other issuer is registered.',
  },
};
