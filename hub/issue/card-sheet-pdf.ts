import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { lastShanghaiDate, shanghaiDate } from '../../shared/time/shanghai-calendar.js';
import type { StoredCard } from '../store/hub-store.js';

/** Debian's fonts-noto-cjk; any font with Chinese glyphs will do (`--font`). */
export const DEFAULT_CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The face inside the .ttc collection: Simplified Chinese. */
export const DEFAULT_CJK_FACE = 'NotoSansCJKsc-Regular';

/** The CJK font for card sheets is missing. */
export class FontMissingError extends Error {}

/** Where the card sheet takes its font from. */
export interface SheetFont {
  path: string;
  /** Face name inside a .ttc collection. */
  face?: string;
}

/** Checks that the font exists before any card is issued, so a missing font costs nothing. */
export function checkFont(font: SheetFont): void {
  if (!existsSync(font.path)) {
    throw new FontMissingError(
      `CJK font not found at ${font.path}: install the Debian package fonts-noto-cjk, or pass --font FILE (a .ttf, .otf or .ttc with Chinese glyphs)`,
    );
  }
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const GAP = 10;
const COLS = 2;
const ROWS = 4;
/** Cards per A4 page. */
export const CARDS_PER_PAGE = COLS * ROWS;
const CARD_W = (A4.width - 2 * MARGIN - (COLS - 1) * GAP) / COLS;
const CARD_H = (A4.height - 2 * MARGIN - (ROWS - 1) * GAP) / ROWS;
const QR_SIZE = 150;
const CATEGORY = ['', '第一类', '第二类', '第三类', '第四类', '第五类'];

/** Draws the token's QR code as vector squares (crisp at any printer resolution), quiet zone included. */
function drawQr(doc: PDFKit.PDFDocument, token: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const unit = size / (modules.size + 2 * quiet);
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      doc.rect(x + (quiet + start) * unit, y + (quiet + row) * unit, (col - start) * unit + 0.01, unit + 0.01);
    }
  }
  doc.fill('#000000');
}

function drawCard(doc: PDFKit.PDFDocument, card: StoredCard, x: number, y: number, demo: boolean): void {
  doc.save();
  doc.lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#999999').roundedRect(x, y, CARD_W, CARD_H, 8).stroke().undash();
  doc.fillColor('#8a6d1d').fontSize(11).text(`聊城市人才服务金卡（${card.tier}）`, x + 10, y + 9, { width: CARD_W - 20, lineBreak: false });
  drawQr(doc, card.token, x + 6, y + 26, QR_SIZE);
  const tx = x + QR_SIZE + 12;
  const tw = CARD_W - QR_SIZE - 20;
  doc.fillColor('#000000').fontSize(30).text(card.tier, tx, y + 28, { width: tw, lineBreak: false });
  doc.fontSize(14).text(card.maskedName, tx, y + 70, { width: tw, lineBreak: false });
  doc.fontSize(7.5).fillColor('#333333');
  doc.text('卡号', tx, y + 96).fontSize(9).fillColor('#000000').text(card.sub, tx, y + 106, { width: tw, lineBreak: false });
  doc.fontSize(7.5).fillColor('#333333').text('有效期', tx, y + 122);
  doc.fontSize(8.5).fillColor('#000000').text(shanghaiDate(card.nbf * 1000), tx, y + 132);
  doc.text(`至 ${lastShanghaiDate(card.exp * 1000)}`, tx, y + 143);
  doc.fontSize(7.5).fillColor('#333333').text(`${CATEGORY[card.cat] ?? ''}人才（第五条）`, tx, y + 158, { width: tw, lineBreak: false });
  doc.fontSize(6.5).fillColor('#666666').text('仅限持卡人本人使用，请同时出示身份证件（第三十三条）', x + 10, y + CARD_H - 14, { width: CARD_W - 20, lineBreak: false });
  // Kept off the QR code, so the marking never spoils a scan.
  if (demo) doc.fontSize(9).fillColor('#cc0000').text('演示 DEMO 不可使用', x + 10, y + 10, { width: CARD_W - 20, align: 'right', lineBreak: false });
  doc.restore();
}

/**
 * Writes a printable A4 sheet of cards (8 per page, cut along the dashed lines): QR code,
 * tier, masked name, card number, validity. Written to FILE.partial, fsynced, then renamed.
 */
export async function writeCardSheet(path: string, cards: readonly StoredCard[], font: SheetFont, options: { demo: boolean }): Promise<void> {
  checkFont(font);
  const partial = `${path}.partial`;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: '聊城市人才服务金卡', Creator: 'jinka-hub' } });
  const out = createWriteStream(partial);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  try {
    doc.registerFont('cjk', font.path, font.path.toLowerCase().endsWith('.ttc') ? (font.face ?? DEFAULT_CJK_FACE) : font.face);
    doc.font('cjk');
  } catch (error) {
    doc.end();
    await finished.catch(() => undefined);
    rmSync(partial, { force: true });
    throw new FontMissingError(`cannot use the font ${font.path}${font.face ? ` (${font.face})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [i, card] of cards.entries()) {
    const slot = i % CARDS_PER_PAGE;
    if (slot === 0) {
      // Drawing is synchronous: between pages the hub's other requests (terminals' sync, other staff) get their turn.
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      doc.addPage();
    }
    const col = slot % COLS;
    const row = Math.floor(slot / COLS);
    drawCard(doc, card, MARGIN + col * (CARD_W + GAP), MARGIN + row * (CARD_H + GAP), options.demo);
  }
  if (cards.length === 0) doc.addPage();
  doc.end();
  await finished;
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}
