import type { ApiErrorCode } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the scan and verdict screens. */
export interface CounterText {
  scanPrompt: string;
  scanHint: string;
  verifying: string;
  recorded: (holder: string, companions: number) => string;
  cancelled: string;
  cameraTitle: string;
  cameraChoice: string;
  cameraDefault: string;
  /** A camera whose name the browser hides (before camera permission). */
  cameraUnnamed: (n: number) => string;
  cameraStarting: string;
  cameraDenied: string;
  cameraMissing: string;
  cameraFailed: (message: string) => string;
  cameraOff: string;
  /** Under a camera that cannot be used: the other two ways to scan. */
  cameraUseOther: string;
  /** The chosen camera was not found; `name` is the one used instead. */
  cameraFallback: (name: string) => string;
  /** In the camera list: the chosen camera, not connected now. */
  cameraGone: (name: string) => string;
  pasteLabel: string;
  pastePlaceholder: string;
  pasteSubmit: string;
  wedgeReady: string;
  holder: string;
  idTail: string;
  cardType: string;
  tier: string;
  cardNumber: string;
  idCheck: string;
  idCheckNeeded: string;
  quota: string;
  companions: string;
  companionsMax: (n: number) => string;
  fewer: (relation: string) => string;
  more: (relation: string) => string;
  ticket: string;
  ticketPlaceholder: string;
  ticketNeeded: string;
  /** Beside a Confirm that cannot record yet: each thing still missing, shortly. */
  confirmNeeds: { idCheck: string; ticket: string };
  confirmReady: string;
  beneficiary: string;
  beneficiaryFirst: string;
  pendingWord: string;
  confirm: string;
  recording: string;
  cancel: string;
  back: string;
  autoReturn: (seconds: number) => string;
  gateRecorded: string;
  gateNotRecorded: string;
  warning: string;
  warningsLabel: string;
  /** Under a LISTS_STALE warning: whose list (the card's issuer) is old or missing. */
  staleListOf: (issuer: string) => string;
  acceptIcon: string;
  rejectIcon: string;
  announceAccept: (holder: string) => string;
  announceReject: (reason: string) => string;
  announceWarnings: (titles: string) => string;
  /** The counter's own shorter words for a failed record; any other code is worded by shared/i18n/api-error-text.ts. */
  recordError: Partial<Record<ApiErrorCode, string>>;
}

/** The counter strings in every UI language. */
export const COUNTER_TEXT: Readonly<Record<Locale, CounterText>> = {
  zh: {
    scanPrompt: '请出示金卡或惠才卡二维码',
    scanHint: '摄像头、扫码枪、粘贴均可；扫码后自动核验',
    verifying: '正在核验…',
    recorded: (h, n) => (n > 0 ? `已登记：${h}，同行 ${n} 人` : `已登记：${h}`),
    cancelled: '已取消，未登记',
    cameraTitle: '摄像头',
    cameraChoice: '选择摄像头',
    cameraDefault: '默认摄像头',
    cameraUnnamed: (n) => `摄像头 ${n}`,
    cameraStarting: '正在打开摄像头…',
    cameraDenied: '没有摄像头权限',
    cameraMissing: '未找到摄像头',
    cameraFailed: (m) => `摄像头无法使用（${m}）`,
    cameraOff: '核验中，摄像头暂停',
    cameraUseOther: '请用扫码枪扫码，或在右侧粘贴二维码内容',
    cameraFallback: (n) => `已选的摄像头未找到，已改用：${n}`,
    cameraGone: (n) => `${n}（未连接）`,
    pasteLabel: '手动粘贴二维码内容',
    pastePlaceholder: '粘贴后按 Enter',
    pasteSubmit: '核验 (Enter)',
    wedgeReady: '扫码枪已就绪',
    holder: '持卡人',
    idTail: '证件号后四位',
    cardType: '卡类型',
    tier: '等级',
    cardNumber: '卡号',
    idCheck: '已核对身份证件',
    idCheckNeeded: '请先核对持卡人身份证件并勾选（第三十三条：本卡限本人使用）',
    quota: '免费次数',
    companions: '同行人员',
    companionsMax: (n) => `最多 ${n}`,
    fewer: (r) => `减少${r}`,
    more: (r) => `增加${r}`,
    ticket: '车票号',
    ticketPlaceholder: '输入当日车票号',
    ticketNeeded: '请输入当日车票号后再确认',
    confirmNeeds: { idCheck: '请先勾选“已核对身份证件”', ticket: '请填写车票号' },
    confirmReady: '可以登记',
    beneficiary: '补贴对象（父母）',
    beneficiaryFirst: '养老补贴按父亲、母亲分别计算（第二十二条）：请选择入住的是父亲还是母亲（按 1 或 2），无需填写证件号',
    pendingWord: '待核验',
    confirm: '确认登记',
    recording: '正在登记…',
    cancel: '取消',
    back: '返回扫描',
    autoReturn: (s) => `${s} 秒后自动返回扫描`,
    gateRecorded: '已自动登记，请通行',
    gateNotRecorded: '请到人工窗口办理',
    warning: '注意',
    warningsLabel: '注意：此卡可以通过，但请先核实以下情况',
    staleListOf: (issuer) => `过旧或缺失的是：${issuer}的吊销名单`,
    acceptIcon: '✔',
    rejectIcon: '✖',
    announceAccept: (h) => `通过。持卡人 ${h}。`,
    announceReject: (r) => `拒绝。${r}。`,
    announceWarnings: (t) => `注意：${t}。`,
    recordError: {
      ID_CHECK_REQUIRED: '请先勾选“已核对身份证件”。',
      TICKET_REQUIRED: '请输入车票号。',
      COMPANIONS_EXCEEDED: '同行人数超出规定，请减少。',
      QUOTA_EXHAUSTED: '刚刚已用完本期次数（可能另一窗口同时登记），未登记。',
      NOT_ACCEPTED: '此结果为拒绝，不能登记。',
      UNKNOWN_DECISION: '此核验已失效，请重新扫描。',
      BENEFICIARY_REQUIRED: '请先选择父亲或母亲。',
    },
  },
  en: {
    scanPrompt: 'Show the gold card or Huicai card QR code',
    scanHint: 'Camera, handheld scanner or paste; checks start by themselves',
    verifying: 'Checking…',
    recorded: (h, n) => (n > 0 ? `Recorded: ${h}, ${n} companion(s)` : `Recorded: ${h}`),
    cancelled: 'Cancelled, nothing recorded',
    cameraTitle: 'Camera',
    cameraChoice: 'Camera',
    cameraDefault: 'Default camera',
    cameraUnnamed: (n) => `Camera ${n}`,
    cameraStarting: 'Starting the camera…',
    cameraDenied: 'No camera permission',
    cameraMissing: 'No camera found',
    cameraFailed: (m) => `Camera unavailable (${m})`,
    cameraOff: 'Camera paused while a card is shown',
    cameraUseOther: 'Use the handheld scanner, or paste the code on the right',
    cameraFallback: (n) => `The chosen camera was not found; using: ${n}`,
    cameraGone: (n) => `${n} (not connected)`,
    pasteLabel: 'Paste the QR content by hand',
    pastePlaceholder: 'Paste, then press Enter',
    pasteSubmit: 'Check (Enter)',
    wedgeReady: 'Handheld scanner ready',
    holder: 'Holder',
    idTail: 'ID last 4',
    cardType: 'Card',
    tier: 'Tier',
    cardNumber: 'Card no.',
    idCheck: 'ID document checked',
    idCheckNeeded: 'Check the holder’s ID document and tick the box (Art. 33: the card is for the holder alone)',
    quota: 'Free uses',
    companions: 'Companions',
    companionsMax: (n) => `max ${n}`,
    fewer: (r) => `Fewer: ${r}`,
    more: (r) => `More: ${r}`,
    ticket: 'Ticket no.',
    ticketPlaceholder: 'Same-day ticket number',
    ticketNeeded: 'Enter the same-day ticket number first',
    confirmNeeds: { idCheck: 'Tick “ID document checked” first', ticket: 'Enter the ticket number' },
    confirmReady: 'Ready to record',
    beneficiary: 'Claim for (parent)',
    beneficiaryFirst: 'The subsidy is per parent (Art. 22): choose whether the resident is the father or the mother (key 1 or 2); no ID number is needed',
    pendingWord: 'PENDING',
    confirm: 'Confirm',
    recording: 'Recording…',
    cancel: 'Cancel',
    back: 'Back to scanning',
    autoReturn: (s) => `Back to scanning in ${s} s`,
    gateRecorded: 'Recorded. Please go through',
    gateNotRecorded: 'Please go to a staffed counter',
    warning: 'Note',
    warningsLabel: 'Note: the card may pass, but check the following first',
    staleListOf: (issuer) => `Old or missing: the ${issuer} revocation list`,
    acceptIcon: '✔',
    rejectIcon: '✖',
    announceAccept: (h) => `Accepted. Holder ${h}.`,
    announceReject: (r) => `Rejected. ${r}.`,
    announceWarnings: (t) => `Note: ${t}.`,
    recordError: {
      ID_CHECK_REQUIRED: 'Tick “ID document checked” first.',
      TICKET_REQUIRED: 'Enter the ticket number.',
      COMPANIONS_EXCEEDED: 'Too many companions: reduce the party.',
      QUOTA_EXHAUSTED: 'The quota ran out just now (another counter recorded first). Nothing recorded.',
      NOT_ACCEPTED: 'This was a rejection; it cannot be recorded.',
      UNKNOWN_DECISION: 'This check has lapsed: scan again.',
      BENEFICIARY_REQUIRED: 'Choose father or mother first.',
    },
  },
};
