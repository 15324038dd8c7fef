import type { RosterJobView } from '../../../shared/console/card-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the roster import: choose a file, its preview, the job's progress and downloads, the jobs list. */
export interface RosterText {
  title: string;
  openImport: string;
  openJobs: string;
  backToCards: string;
  lead: string;
  chooseTitle: string;
  file: string;
  chooseFile: string;
  noFile: string;
  chosen: (format: 'csv' | 'xlsx', kib: number) => string;
  fileHint: (maxMiB: number, maxLines: number) => string;
  wrongType: string;
  tooBig: (maxMiB: number) => string;
  check: string;
  checking: string;
  previewTitle: string;
  nothingIssued: string;
  goodCount: (n: number) => string;
  badCount: (n: number) => string;
  badLead: string;
  badTitle: string;
  colLine: string;
  colReason: string;
  lineNo: (n: number) => string;
  goodTitle: string;
  goodMore: (shown: number, total: number) => string;
  colHolder: string;
  colIdTail: string;
  colTier: string;
  colValid: string;
  confirm: (n: number) => string;
  confirmLead: string;
  noGood: string;
  jobTitle: (idPrefix: string, total: number) => string;
  state: Record<RosterJobView['state'], string>;
  progress: (issued: number, total: number) => string;
  progressLabel: string;
  startedBy: (staff: string, at: string) => string;
  finished: (at: string) => string;
  reloadSafe: string;
  downloadsTitle: string;
  sheetPart: (part: number, from: number, to: number) => string;
  sheetHint: (perPart: number) => string;
  qrZip: string;
  tokens: string;
  jobsTitle: string;
  noJobs: string;
  colStarted: string;
  colStaff: string;
  colLines: string;
  colIssued: string;
  colState: string;
  openJob: string;
  another: string;
}

export const ROSTER_TEXT: Readonly<Record<Locale, RosterText>> = {
  zh: {
    title: '批量导入名单',
    openImport: '批量导入名单',
    openJobs: '名单导入记录',
    backToCards: '返回金卡',
    lead: '上传名单后先逐行检查，确认之后才办卡。办卡进度保存在中心，刷新页面或换一台电脑也能看到。',
    chooseTitle: '第一步：选择名单文件',
    file: '名单文件（CSV 或 Excel .xlsx）',
    chooseFile: '选择文件…',
    noFile: '尚未选择文件',
    chosen: (format, kib) => `已选择 ${format === 'csv' ? 'CSV' : 'Excel .xlsx'} 文件（${kib} KB）`,
    fileHint: (mib, lines) => `第一行写列名 name、id_number、category、valid_from、valid_until。文件不超过 ${mib} MB、${lines} 人。CSV 请在 Excel 中另存为“CSV UTF-8”。`,
    wrongType: '只能上传 CSV 或 Excel .xlsx 文件。旧版 .xls 请在 Excel 中另存为 .xlsx。',
    tooBig: (mib) => `文件超过 ${mib} MB，请把名单分成几份上传。`,
    check: '检查名单',
    checking: '正在检查…',
    previewTitle: '第二步：核对检查结果',
    nothingIssued: '检查不会办卡：到目前为止，还没有为这份名单办出任何一张卡。',
    goodCount: (n) => `可以办卡 ${n} 行`,
    badCount: (n) => `有问题 ${n} 行`,
    badLead: '整份名单要全部无误才能办卡，有问题的行不会被跳过。请在文件中改正或删去下列各行，保存后重新选择文件检查。',
    badTitle: '有问题的行（全部列出）',
    colLine: '行号',
    colReason: '问题',
    lineNo: (n) => `第 ${n} 行`,
    goodTitle: '将要办卡的人（姓名已遮挡，证件号只显示后四位）',
    goodMore: (shown, total) => `只列出前 ${shown} 行，共 ${total} 行。`,
    colHolder: '持卡人',
    colIdTail: '证件号后四位',
    colTier: '卡类',
    colValid: '有效期',
    confirm: (n) => `确认，为这 ${n} 人办卡`,
    confirmLead: '确认后中心开始办卡，分批进行，可随时离开本页。',
    noGood: '名单中没有可以办卡的行。',
    jobTitle: (id, total) => `导入任务 ${id}（${total} 人）`,
    state: { running: '正在办卡', done: '已全部办完', failed: '已停止' },
    progress: (issued, total) => `已办 ${issued} / ${total} 张`,
    progressLabel: '办卡进度',
    startedBy: (staff, at) => `由 ${staff} 于 ${at} 开始`,
    finished: (at) => `结束于 ${at}`,
    reloadSafe: '进度保存在中心：刷新或关闭本页不会中断办卡，本页地址可随时重新打开。',
    downloadsTitle: '第三步：下载并打印',
    sheetPart: (part, from, to) => `卡片页 PDF 第 ${part} 份（第 ${from}–${to} 张）`,
    sheetHint: (n) => `卡片页按每份 ${n} 张分开下载，每份 A4 每页 8 张，沿虚线裁切。`,
    qrZip: '全部二维码图片（ZIP）',
    tokens: '全部令牌文本',
    jobsTitle: '最近的导入任务',
    noJobs: '还没有导入过名单。',
    colStarted: '开始时间',
    colStaff: '经办人',
    colLines: '人数',
    colIssued: '已办',
    colState: '状态',
    openJob: '查看',
    another: '再导入一份名单',
  },
  en: {
    title: 'Import a roster',
    openImport: 'Import a roster',
    openJobs: 'Roster imports',
    backToCards: 'Back to cards',
    lead: 'A roster is checked line by line first; cards are issued only after you confirm. Progress is kept by the hub: a reload or another computer shows it too.',
    chooseTitle: 'Step 1: choose the roster file',
    file: 'Roster file (CSV or Excel .xlsx)',
    chooseFile: 'Choose a file…',
    noFile: 'No file chosen',
    chosen: (format, kib) => `${format === 'csv' ? 'CSV' : 'Excel .xlsx'} file chosen (${kib} KB)`,
    fileHint: (mib, lines) => `First row names the columns name, id_number, category, valid_from, valid_until. At most ${mib} MB and ${lines} holders. Save a CSV from Excel as “CSV UTF-8”.`,
    wrongType: 'Only a CSV or an Excel .xlsx file can be imported. Save an old .xls as .xlsx in Excel.',
    tooBig: (mib) => `The file is larger than ${mib} MB: split the roster.`,
    check: 'Check the roster',
    checking: 'Checking…',
    previewTitle: 'Step 2: read the check',
    nothingIssued: 'Checking issues nothing: no card has been issued for this roster yet.',
    goodCount: (n) => `${n} line(s) can be issued`,
    badCount: (n) => `${n} line(s) have problems`,
    badLead: 'A roster is issued only when every line is right: bad lines are not skipped. Correct or delete the lines below in the file, save it and choose it again.',
    badTitle: 'Lines with problems (all of them)',
    colLine: 'Line',
    colReason: 'Problem',
    lineNo: (n) => `Line ${n}`,
    goodTitle: 'Holders to be issued (names masked, ID number’s last four only)',
    goodMore: (shown, total) => `First ${shown} of ${total} lines listed.`,
    colHolder: 'Holder',
    colIdTail: 'ID last four',
    colTier: 'Tier',
    colValid: 'Valid',
    confirm: (n) => `Confirm: issue ${n} card(s)`,
    confirmLead: 'Once confirmed the hub issues the cards in steps; you may leave this page.',
    noGood: 'The roster has no line that can be issued.',
    jobTitle: (id, total) => `Import ${id} (${total} holder(s))`,
    state: { running: 'Issuing', done: 'All issued', failed: 'Stopped' },
    progress: (issued, total) => `${issued} of ${total} issued`,
    progressLabel: 'Issue progress',
    startedBy: (staff, at) => `Started by ${staff} at ${at}`,
    finished: (at) => `Finished at ${at}`,
    reloadSafe: 'Progress is kept by the hub: reloading or closing this page does not stop the import; this address opens it again.',
    downloadsTitle: 'Step 3: download and print',
    sheetPart: (part, from, to) => `Card sheet PDF part ${part} (cards ${from}–${to})`,
    sheetHint: (n) => `Sheets download in parts of ${n} cards, 8 to an A4 page, cut along the dashed lines.`,
    qrZip: 'All QR images (ZIP)',
    tokens: 'All tokens (text)',
    jobsTitle: 'Recent imports',
    noJobs: 'No roster has been imported yet.',
    colStarted: 'Started',
    colStaff: 'Staff',
    colLines: 'Holders',
    colIssued: 'Issued',
    colState: 'State',
    openJob: 'Open',
    another: 'Import another roster',
  },
};
