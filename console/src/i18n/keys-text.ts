import type { KeyUse } from '../../../shared/bundles/bundle-schemas.js';
import type { IssuerKeyChange, IssuerPreviewResponse, KeyStatus } from '../../../shared/console/key-api.js';
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
  registerTitle: string;
  registerLead: string;
  issField: string;
  issHint: string;
  nameField: string;
  keysFile: string;
  relayFile: string;
  chooseFile: string;
  noFile: string;
  fileTooLarge: (kib: number) => string;
  preview: string;
  previewTitle: (iss: string) => string;
  previewChange: Record<IssuerPreviewResponse['change'], string>;
  renamed: (before: string, after: string) => string;
  compareThumbprints: string;
  colChange: string;
  keyChange: Record<IssuerKeyChange['change'], string>;
  confirmRegister: (iss: string) => string;
  registered: (iss: string, trustVersion: number | null) => string;
  /** Words for the hub's reason a keys file is refused (its English detail matched), else undefined. */
  keysReason: (detail: string) => string | undefined;
  relayTitle: string;
  relayLead: string;
  relay: string;
  relayed: (iss: string, seq: number) => string;
  /** Words for the hub's reason a relayed list is refused (its English detail matched), else undefined. */
  relayReason: (detail: string) => string | undefined;
}

/** Which refusal a detail of readIssuerKeys or relayRevocations names (hub/publish/foreign-issuers.ts and shared/bundles/bundle-steps.ts say them in English). */
type KeysReason = 'notJson' | 'private' | 'noIssuer' | 'noKey';
type RelayReason = 'notBundle' | 'unregistered' | 'unknownKey' | 'keyMayNot' | 'signature' | 'replay' | 'gap' | 'tooFar';

function keysReasonOf(detail: string): KeysReason | undefined {
  if (/not JSON/.test(detail)) return 'notJson';
  if (/private key/.test(detail)) return 'private';
  if (/trust file has no issuer/.test(detail)) return 'noIssuer';
  if (/must hold a P-256 JWK/.test(detail)) return 'noKey';
  return undefined;
}

function relayReasonOf(detail: string): RelayReason | undefined {
  if (/^not (an ES256-signed|a jinka\/revocations) bundle/.test(detail)) return 'notBundle';
  if (/is not registered/.test(detail)) return 'unregistered';
  if (/has no key/.test(detail)) return 'unknownKey';
  if (/may not sign/.test(detail)) return 'keyMayNot';
  if (/signature does not verify/.test(detail)) return 'signature';
  if (/^REPLAY/.test(detail)) return 'replay';
  if (/^GAP/.test(detail)) return 'gap';
  if (/^TOO_FAR/.test(detail)) return 'tooFar';
  return undefined;
}

const KEYS_REASONS: Record<Locale, Record<KeysReason, string>> = {
  zh: {
    notJson: '文件不是 JSON。请上传对方提供的公钥文件（JWK、JWK 数组或信任文件）。',
    private: '文件里含有私钥！请不要登记，并告知对方其私钥已外传，请对方只发送公钥。',
    noIssuer: '信任文件中没有这个发卡方编号的条目。',
    noKey: '文件中没有 P-256 公钥（JWK、JWK 数组或信任文件）。',
  },
  en: {
    notJson: 'The file is not JSON: upload the public keys file the issuer sent (a JWK, an array of JWKs or a trust file).',
    private: 'The file holds a PRIVATE key! Do not register it: tell the issuer its private key was sent out, and ask for its public keys only.',
    noIssuer: 'The trust file has no entry for this issuer id.',
    noKey: 'The file holds no P-256 public key (a JWK, an array of JWKs or a trust file).',
  },
};

const RELAY_REASONS: Record<Locale, Record<RelayReason, string>> = {
  zh: {
    notBundle: '文件不是签名的注销名单。',
    unregistered: '签发此名单的发卡方尚未登记，请管理员先登记其公钥。',
    unknownKey: '签名所用的密钥不在该发卡方已登记的公钥中。',
    keyMayNot: '签名所用的密钥只能签发金卡，不能签发注销名单。',
    signature: '签名不对：名单不是用该发卡方的密钥签发的，或已被改动。',
    replay: '已转发过此序号或更新的名单。',
    gap: '这是增量名单，但接不上已转发的最新名单。',
    tooFar: '名单序号比已转发的超前太多，终端不会接受。',
  },
  en: {
    notBundle: 'The file is not a signed revocation list.',
    unregistered: 'The issuer that signed it is not registered: an admin registers its keys first.',
    unknownKey: 'It is signed with a key not among the issuer’s registered keys.',
    keyMayNot: 'The key it is signed with may sign cards only, not revocation lists.',
    signature: 'The signature is wrong: the list was not signed with the issuer’s key, or was altered.',
    replay: 'This sequence, or a newer one, was relayed already.',
    gap: 'It is a delta that does not follow on from the newest list relayed.',
    tooFar: 'Its sequence is too far ahead of the one relayed: terminals would refuse it.',
  },
};

const reasonWords = <R extends string>(table: Record<R, string>, reason: R | undefined): string | undefined => (reason === undefined ? undefined : table[reason]);

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
    issuersHow: '管理员可在下方登记其他发卡方；管理员和经办人可转发其注销名单（服务器上的命令 jinka-hub issuer add 和 jinka-hub issuer relay 作用相同）。',
    colRegistered: '登记日期',
    notRelayed: '尚未转发',
    colIssuer: '发卡方',
    colName: '名称',
    colKeys: '密钥',
    colRelayed: '已转发的注销名单序号',
    noIssuers: '没有登记其他发卡方。',
    registerTitle: '登记或更新其他发卡方',
    registerLead: '上传对方提供的公钥文件（JWK、JWK 数组或信任文件，不超过 32 KiB）。先预览，核对指纹后再确认：确认后发布新的信任列表，所有终端同步后接受此发卡方签发的金卡。',
    issField: '发卡方编号（iss）',
    issHint: '如 sd-hrss',
    nameField: '显示名称',
    keysFile: '公钥文件',
    relayFile: '注销名单文件',
    chooseFile: '选择文件…',
    noFile: '未选择文件',
    fileTooLarge: (k) => `文件超过 ${k} KiB，不能上传。`,
    preview: '预览',
    previewTitle: (i) => `预览：发卡方 ${i}`,
    previewChange: { new: '新发卡方：将加入信任列表。', update: '已登记的发卡方：其公钥或名称将改变。', unchanged: '与信任列表中的完全相同，无需确认。' },
    renamed: (b, a) => `名称由“${b}”改为“${a}”。`,
    compareThumbprints: '确认前，请逐组核对每个公钥的指纹与对方通过电话或公函另行告知的指纹是否一致。不一致就不要确认：文件可能在传递中被调换。',
    colChange: '变化',
    keyChange: { added: '新增', kept: '不变', removed: '移除' },
    confirmRegister: (i) => `核对无误，登记 ${i}`,
    registered: (i, v) => (v === null ? `发卡方 ${i} 已登记，信任列表未变。` : `发卡方 ${i} 已登记，信任列表版本 ${v} 已发布。`),
    keysReason: (d) => reasonWords(KEYS_REASONS.zh, keysReasonOf(d)),
    relayTitle: '转发其他发卡方的注销名单',
    relayLead: '上传已登记发卡方签发的注销名单文件。中心按终端的标准核验签名和序号，通过后转发给所有终端。只会增加注销，不会改变信任列表。',
    relay: '核验并转发',
    relayed: (i, n) => `已转发 ${i} 的注销名单（序号 ${n}）。`,
    relayReason: (d) => reasonWords(RELAY_REASONS.zh, relayReasonOf(d)),
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
    issuersHow: 'An admin registers other issuers below; an admin or officer relays their revocation lists (the hub commands jinka-hub issuer add and jinka-hub issuer relay do the same).',
    colRegistered: 'Registered',
    notRelayed: 'none yet',
    colIssuer: 'Issuer',
    colName: 'Name',
    colKeys: 'Keys',
    colRelayed: 'Relayed revocation seq.',
    noIssuers: 'No other issuer is registered.',
    registerTitle: 'Register or update another issuer',
    registerLead: 'Upload the public keys file the issuer sent (a JWK, an array of JWKs or a trust file, at most 32 KiB). Preview it and compare the thumbprints before confirming: confirming publishes a new trust list, and every terminal accepts this issuer’s cards after its next sync.',
    issField: 'Issuer id (iss)',
    issHint: 'such as sd-hrss',
    nameField: 'Display name',
    keysFile: 'Public keys file',
    relayFile: 'Revocation list file',
    chooseFile: 'Choose a file…',
    noFile: 'No file chosen',
    fileTooLarge: (k) => `The file is larger than ${k} KiB and cannot be uploaded.`,
    preview: 'Preview',
    previewTitle: (i) => `Preview: issuer ${i}`,
    previewChange: { new: 'A new issuer: it joins the trust list.', update: 'A registered issuer: its keys or name change.', unchanged: 'The same as in the trust list: nothing to confirm.' },
    renamed: (b, a) => `Its name changes from “${b}” to “${a}”.`,
    compareThumbprints: 'Before confirming, compare each key’s thumbprint, group by group, with the one the issuer gave you by telephone or letter. If they differ, do not confirm: the file may have been swapped on its way.',
    colChange: 'Change',
    keyChange: { added: 'added', kept: 'unchanged', removed: 'removed' },
    confirmRegister: (i) => `Thumbprints match: register ${i}`,
    registered: (i, v) => (v === null ? `Issuer ${i} is registered; the trust list did not change.` : `Issuer ${i} is registered; trust list version ${v} is published.`),
    keysReason: (d) => reasonWords(KEYS_REASONS.en, keysReasonOf(d)),
    relayTitle: 'Relay another issuer’s revocation list',
    relayLead: 'Upload a revocation list signed by a registered issuer. The hub checks its signature and sequence as a terminal does, then passes it on to every terminal. It only adds revocations; the trust list does not change.',
    relay: 'Check and relay',
    relayed: (i, n) => `The revocation list of ${i} (sequence ${n}) is relayed.`,
    relayReason: (d) => reasonWords(RELAY_REASONS.en, relayReasonOf(d)),
  },
};
