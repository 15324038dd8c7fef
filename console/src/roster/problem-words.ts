import type { Locale } from '../../../shared/i18n/locale.js';

/**
 * A roster line's problem in the clerk's words. The hub says each problem in one English sentence
 * (hub/issue/roster.ts, card-holder-checks.ts, validity.ts, card-issuer.ts); the page says it in
 * plain Chinese. Every sentence the hub's checks can give is matched here, and
 * test/hub/console/roster-problem-words.test.ts runs the hub's checks to prove it: a sentence the
 * table does not know is shown as the hub wrote it, never dropped. The hub's sentences never hold
 * an ID number (a value is echoed only when it is short and date-like), so neither do these.
 */
type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

const COLUMN: Readonly<Record<string, string>> = {
  name: '姓名（name）',
  id_number: '证件号码（id_number）',
  category: '人才类别（category）',
  valid_from: '有效期起（valid_from）',
  valid_until: '有效期止（valid_until）',
};
const columns = (list: string): string =>
  list
    .split(/,\s*/)
    .filter((c) => c !== '')
    .map((c) => COLUMN[c] ?? c)
    .join('、');
/** A value the hub echoed (`"2026-13-01"`) or described (`(18 characters)`). */
const value = (shown: string): string => {
  const chars = /^\((\d+) characters\)$/.exec(shown);
  if (chars) return `（一个 ${chars[1]} 个字符的值）`;
  const text = shown.replace(/^"|"$/g, '');
  return text === '' ? '（空白）' : `“${text}”`;
};

const ZH_RULES: readonly Rule[] = [
  [/^header must name the columns .* \(missing: (.*)\)$/, (m) => `第一行（表头）缺少这些列：${columns(m[1] ?? '')}。表头须写明 name、id_number、category、valid_from、valid_until 五列`],
  [/^the roster has no holders below its header/, () => '表头下面没有任何持卡人'],
  [/^unclosed quote$/, () => '这一行的引号没有配对，无法读取'],
  [/^expected (\d+) fields, found (\d+)$/, (m) => `这一行应有 ${m[1]} 栏，实有 ${m[2]} 栏（可能多了或少了逗号）`],
  [/^name is empty$/, () => '姓名为空'],
  [/^name has more than 64 characters$/, () => '姓名超过 64 个字'],
  [/^name may hold letters/, () => '姓名只能包含文字、空格和 · . , \' -'],
  [/^ID number must have 6–32 letters and digits$/, () => '证件号码应为 6 到 32 位字母和数字'],
  [/^ID number check character does not match/, () => '身份证号码的校验位不符，请核对是否录错'],
  [/^category must be 1–5 \(Art\. 5\), not (.*)$/, (m) => `人才类别须为 1 到 5（第五条），这里是${value(m[1] ?? '')}`],
  [/^valid_from (.*) is not a date/, (m) => `有效期起${value(m[1] ?? '')}不是日期，应写成 2026-03-01 这样`],
  [/^valid_until (.*) is not a date/, (m) => `有效期止${value(m[1] ?? '')}不是日期，应写成 2031-02-28 这样`],
  [/^the same ID number is already on line (\d+)$/, (m) => `与第 ${m[1]} 行的证件号码相同（同一人只能办一张卡）`],
  [/^no card tier covers category (\d+) in the rules in force$/, (m) => `现行规则中没有哪一类金卡对应第 ${m[1]} 类人才`],
  [/^valid_until must be after valid_from$/, () => '有效期止必须晚于有效期起'],
  [/^the card would already have expired$/, () => '有效期止已经过去，卡一办出就已过期'],
  [/^validity longer than (\d+) years$/, (m) => `有效期超过 ${m[1]} 年，请核对日期`],
  [/^this holder already has card (\S+) \(valid until ([\d-]+)\): use reissue$/, (m) => `此人已有有效金卡 ${m[1]}（有效至 ${m[2]}），如需换卡请在金卡详情中“换发”`],
];

/** One of the hub's problem sentences in the page's language (English is the hub's own sentence). */
export function problemWords(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  for (const [pattern, words] of ZH_RULES) {
    const m = pattern.exec(message);
    if (m) return words(m);
  }
  return message;
}

/** Whether the page has its own words for the sentence (the test's check that none falls through). */
export const knowsProblem = (message: string): boolean => ZH_RULES.some(([pattern]) => pattern.test(message));

const STOPPED = /^stopped at line (\d+): (.*)$/;
const LINE = /^line (\d+): (.*)$/;

/** Why a job stopped (hub/console/roster-jobs.ts), in the page's language. */
export function jobErrorWords(error: string, locale: Locale): string {
  if (locale === 'en') return error;
  if (error.startsWith('the hub process issuing this roster stopped')) return '办理这份名单的中心进程中途停止了。已办出的卡保留有效；其余各行请重新导入（已有卡的人会被逐行指出）。';
  if (error.startsWith('issuing stopped on an internal error')) return '办理中途出现内部错误而停止。已办出的卡保留有效；请联系管理员查看中心日志。';
  const stopped = STOPPED.exec(error);
  if (stopped === null) return error;
  const reasons = (stopped[2] ?? '').split('; ').map((part) => {
    const one = LINE.exec(part);
    return one === null ? problemWords(part, locale) : `第 ${one[1]} 行：${problemWords(one[2] ?? '', locale)}`;
  });
  return `在第 ${stopped[1]} 行处停止：${reasons.join('；')}。已办出的卡保留有效。`;
}

const UNREADABLE: readonly Rule[] = [
  [/^the upload is not base64$/, () => '文件在上传途中损坏，请重新选择文件'],
  [/^the file is empty$/, () => '文件是空的'],
  [/^the file is larger than (\d+) MiB/, (m) => `文件超过 ${m[1]} MB，请把名单分成几份上传`],
  [/^the CSV is not UTF-8 text/, () => '这个 CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为”选“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx'],
  [/^the file is not CSV text$/, () => '这个文件不是 CSV 文本'],
  [/^the (?:roster|sheet) has more than (\d+) holders/, (m) => `名单超过 ${m[1]} 人，请分成几份上传`],
  [/^the file is not (?:an|a readable) \.xlsx workbook/, () => '这个文件不是可读取的 Excel .xlsx 工作簿：请用 Excel 或 WPS 另存为 .xlsx，或另存为 CSV UTF-8'],
  [/^the workbook has no first sheet/, () => '工作簿中没有第一张工作表'],
  [/^the (?:sheet|workbook) is damaged/, () => '工作簿已损坏：请在 Excel 或 WPS 中打开后重新保存'],
  [/more than \d+ (?:parts|columns)|inflates to more than/, () => '这个文件太大或结构异常，不像一份名单'],
];

/** Why the hub could not read an uploaded file at all (hub/console/roster-upload.ts, roster-xlsx.ts), in the page's language. */
export function unreadableWords(message: string, locale: Locale): string {
  if (locale === 'en') return `The file cannot be read: ${message}`;
  const rule = UNREADABLE.find(([pattern]) => pattern.test(message));
  return `无法读取这个文件：${rule === undefined ? message : rule[1](rule[0].exec(message) as RegExpExecArray)}。没有办理任何卡。`;
}
