import type { HistoryItem } from '../../shared/api/api-types.js';
import { companionsText, csvField } from '../core/terminal-reports.js';

const COLUMNS = ['decision_id', 'at', 'service', 'decision', 'reason', 'warnings', 'holder', 'card', 'recorded', 'companions'];

/** A day's decisions as CSV: UTF-8 with BOM and CRLF so spreadsheet programs read the Chinese right; formulas defused. */
export function historyCsv(items: readonly HistoryItem[]): string {
  const lines = [`\uFEFF${COLUMNS.join(',')}`];
  // Oldest first, as a day reads on paper.
  for (const item of [...items].reverse()) {
    const row = [
      item.id,
      item.at,
      item.service,
      item.decision,
      item.reason ?? '',
      item.warnings.join(';'),
      item.holder ?? '',
      item.card ?? '',
      item.recorded ? 'yes' : 'no',
      companionsText(item.companions),
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
