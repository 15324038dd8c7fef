import type { FLAG_KIND_VALUES } from '../../../shared/console/flag-kinds.js';
import type { Locale } from '../../../shared/i18n/locale.js';

type FlagKind = (typeof FLAG_KIND_VALUES)[number];

/** One kind of flag in plain words: its name, what happened, and what the office does about it. */
export interface FlagKindText {
  name: string;
  what: string;
  remedy: string;
}

/** Strings of the flags page: filters, each kind explained, the list, resolving with a note. */
export interface FlagsText {
  title: string;
  lead: string;
  state: string;
  stateName: Record<'open' | 'resolved' | 'all', string>;
  kindFilter: string;
  anyKind: string;
  openByKind: string;
  noOpen: string;
  kind: Record<FlagKind, FlagKindText>;
  whatHappened: string;
  whatToDo: string;
  terminal: string;
  card: string;
  happenedAt: string;
  flaggedAt: string;
  technical: string;
  none: string;
  open: string;
  resolved: string;
  resolvedBy: (who: string, when: string) => string;
  note: string;
  resolve: string;
  resolveTitle: (id: number) => string;
  noteLabel: string;
  noteHint: string;
  noteBad: string;
  next: string;
  confirmTitle: string;
  confirmLead: string;
  confirm: string;
  back: string;
  cancel: string;
  done: (id: number) => string;
  empty: string;
  shown: (n: number) => string;
  firstPage: string;
  nextPage: string;
  flagLabel: (id: number, name: string) => string;
}

export const FLAGS_TEXT: Readonly<Record<Locale, FlagsText>> = {
  zh: {
    title: '异常提示',
    lead: '系统在核对各终端上传的记录时发现的异常。逐条核实后，写明处理情况并标记为已处理。',
    state: '状态',
    stateName: { open: '待处理', resolved: '已处理', all: '全部' },
    kindFilter: '类型',
    anyKind: '全部类型',
    openByKind: '待处理（按类型）：',
    noOpen: '没有待处理的提示。',
    kind: {
      OVER_QUOTA: {
        name: '超出次数',
        what: '同一张卡在不同场所的使用合计超出了规定次数（各场所离线时各自放行）。',
        remedy: '查看该卡的使用记录，与相关场所核实；超出的那次已记为不计数。',
      },
      INVALID_USE: {
        name: '无效使用',
        what: '终端放行了一次按规定不应放行的使用，例如卡已注销、已过期或该类卡不含此项服务。',
        remedy: '与该场所核实当时情况，检查终端的名单是否及时更新。',
      },
      CHAIN_BREAK: {
        name: '日志链断裂',
        what: '终端上传的操作记录前后接不上，可能有记录缺失或被改动。',
        remedy: '联系场所检查该终端；无法说明原因时在“核验终端”页停用它。',
      },
      TWO_SITES: {
        name: '两地使用',
        what: '同一张卡在短时间内先后出现在两个相距较远的场所，可能是一卡多人使用。',
        remedy: '核实持卡人是否本人使用；金卡仅限本人使用。',
      },
      CLOCK_OFF: {
        name: '终端时间不准',
        what: '终端的时钟与系统时间相差 10 分钟以上，记录的时间可能不准。',
        remedy: '请场所校准该终端的时间。',
      },
      STAMP_OFF: {
        name: '补录时间异常',
        what: '一次使用登记的时间与实际录入的时间相差很远，可能是事后补录时填错了时间。',
        remedy: '与该场所核实这次使用的真实时间。',
      },
      CONFLICT: {
        name: '记录前后不一',
        what: '终端对同一条记录前后上传了不同的内容，说明记录可能被改写。',
        remedy: '联系场所检查该终端；无法说明原因时停用它。',
      },
      BAD_USE: {
        name: '无法读取的记录',
        what: '终端上传了一条系统读不懂的使用记录。',
        remedy: '联系场所检查终端软件版本；必要时联系技术支持。',
      },
      DUPLICATE_USE: {
        name: '重复上传',
        what: '同一次使用被再次上传，可能是终端被复制或记录被重放。',
        remedy: '核实是否有两台终端使用同一身份；必要时停用该终端。',
      },
      BAD_VOID: {
        name: '作废异常',
        what: '终端作废了一次它不能作废的使用（不是它记录的、已作废过或顺序不对）。',
        remedy: '与该场所核实闸机当时是否确实未打开。',
      },
      CLOCK_BACK: {
        name: '时钟被调回',
        what: '终端的时钟被往回调过，之后记录的使用时间偏早。',
        remedy: '请场所说明调时原因并校准时间。',
      },
      CLOCK_RESET_BACK: {
        name: '主管调回时钟',
        what: '场所主管手动把终端时钟调回了较早的时间（原因写在终端记录里）。',
        remedy: '向该场所主管了解调时原因，确认是否合理。',
      },
    },
    whatHappened: '发生了什么',
    whatToDo: '怎么处理',
    terminal: '终端',
    card: '卡号',
    happenedAt: '发生时间',
    flaggedAt: '发现时间',
    technical: '技术详情',
    none: '—',
    open: '待处理',
    resolved: '已处理',
    resolvedBy: (who, when) => `${who} 于 ${when} 处理`,
    note: '处理说明',
    resolve: '处理',
    resolveTitle: (id) => `处理提示 #${id}`,
    noteLabel: '处理说明（必填）',
    noteHint: '写明核实了什么、结论如何，最多 500 字，不要写身份证号码。',
    noteBad: '处理说明只能是一行文字，不能含换行或控制字符，最多 500 字。',
    next: '下一步',
    confirmTitle: '确认标记为已处理？',
    confirmLead: '标记后不能撤回，处理说明会和您的姓名一起保存并记入操作日志。',
    confirm: '确认已处理',
    back: '返回修改',
    cancel: '取消',
    done: (id) => `提示 #${id} 已标记为已处理。`,
    empty: '没有符合条件的提示。',
    shown: (n) => `本页 ${n} 条，最新的在前`,
    firstPage: '回到第一页',
    nextPage: '下一页（更早的）',
    flagLabel: (id, name) => `提示 #${id}：${name}`,
  },
  en: {
    title: 'Flags',
    lead: 'What the hub found wrong while checking the records the terminals upload. Check each one, write what you found, and mark it resolved.',
    state: 'State',
    stateName: { open: 'Open', resolved: 'Resolved', all: 'All' },
    kindFilter: 'Kind',
    anyKind: 'Any kind',
    openByKind: 'Open, by kind: ',
    noOpen: 'No open flags.',
    kind: {
      OVER_QUOTA: {
        name: 'Over quota',
        what: 'One card was used more often than its quota allows, across sites that each let it through while offline.',
        remedy: "Check the card's uses with the sites; the use over the quota is already not counted.",
      },
      INVALID_USE: {
        name: 'Invalid use',
        what: 'A terminal let through a use the rules do not allow, e.g. a revoked or expired card, or a tier without this service.',
        remedy: "Check with the site what happened and whether the terminal's lists are up to date.",
      },
      CHAIN_BREAK: {
        name: 'Broken chain',
        what: "The terminal's log does not link up: entries are missing or were changed.",
        remedy: 'Have the site check the terminal; disable it on the Terminals page if nobody can explain it.',
      },
      TWO_SITES: {
        name: 'Two sites',
        what: 'One card was seen at two distant sites a short time apart: it may be used by more than one person.',
        remedy: 'Check that the holder used it in person; a gold card is for its holder only.',
      },
      CLOCK_OFF: {
        name: 'Clock off',
        what: "The terminal's clock is 10 minutes or more away from the hub's: its times may be wrong.",
        remedy: "Ask the site to set the terminal's clock right.",
      },
      STAMP_OFF: {
        name: 'Stamped far off',
        what: 'A use was stamped with a time far from when it was entered, perhaps a late entry with a wrong time.',
        remedy: 'Check with the site when the use really happened.',
      },
      CONFLICT: {
        name: 'Conflicting entry',
        what: 'The terminal uploaded one entry twice with different contents: its log may have been rewritten.',
        remedy: 'Have the site check the terminal; disable it if nobody can explain it.',
      },
      BAD_USE: {
        name: 'Unreadable use',
        what: 'The terminal uploaded a use the hub cannot read.',
        remedy: "Have the site check the terminal's software version; call support if needed.",
      },
      DUPLICATE_USE: {
        name: 'Repeated use',
        what: 'The same use was uploaded again: the terminal may have been copied or its records replayed.',
        remedy: 'Check whether two terminals share one identity; disable the terminal if needed.',
      },
      BAD_VOID: {
        name: 'Bad void',
        what: 'A terminal voided a use it cannot void (not its own, voided already, or out of order).',
        remedy: 'Check with the site whether the gate really did not open.',
      },
      CLOCK_BACK: {
        name: 'Clock set back',
        what: "The terminal's clock was set back; uses recorded after that carry times too early.",
        remedy: 'Ask the site why, and have the clock set right.',
      },
      CLOCK_RESET_BACK: {
        name: 'Clock reset back',
        what: "A site supervisor set the terminal's clock back by hand (the reason is in the terminal's log).",
        remedy: 'Ask the supervisor why, and whether it was right.',
      },
    },
    whatHappened: 'What happened',
    whatToDo: 'What to do',
    terminal: 'Terminal',
    card: 'Card',
    happenedAt: 'Happened',
    flaggedAt: 'Flagged',
    technical: 'Technical detail',
    none: '—',
    open: 'Open',
    resolved: 'Resolved',
    resolvedBy: (who, when) => `Resolved by ${who} at ${when}`,
    note: 'Note',
    resolve: 'Resolve',
    resolveTitle: (id) => `Resolve flag #${id}`,
    noteLabel: 'Note (required)',
    noteHint: 'What you checked and found, at most 500 characters; never an ID number.',
    noteBad: 'The note must be one line of text without control characters, at most 500 characters.',
    next: 'Next',
    confirmTitle: 'Mark it resolved?',
    confirmLead: 'This cannot be undone; the note is kept with your name and written to the staff log.',
    confirm: 'Mark resolved',
    back: 'Back',
    cancel: 'Cancel',
    done: (id) => `Flag #${id} is marked resolved.`,
    empty: 'No flags match.',
    shown: (n) => `${n} on this page, newest first`,
    firstPage: 'First page',
    nextPage: 'Next page (older)',
    flagLabel: (id, name) => `Flag #${id}: ${name}`,
  },
};
