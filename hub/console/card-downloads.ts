import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { qrPng } from '../issue/card-files.js';
import { checkFont, FontMissingError, writeCardSheet, type SheetFont } from '../issue/card-sheet-pdf.js';
import type { StoredCard } from '../store/hub-store.js';
import { ConsoleRefusal, type ConsoleAnswer } from './console-route.js';

/** A download: its bytes, type and the file name the browser saves it under (card numbers only: no personal data). */
function download(body: Buffer | string, contentType: string, fileName: string, reply: { header(name: string, value: string): unknown }, target: string): ConsoleAnswer {
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  reply.header('cache-control', 'no-store');
  return { body, contentType, target };
}

type Reply = Parameters<typeof download>[3];

/** The printable A4 sheet of cards (hub/issue/card-sheet-pdf.ts), made in a private temporary folder and removed. */
export async function sheetDownload(cards: readonly StoredCard[], font: SheetFont, demo: boolean, fileName: string, reply: Reply, target: string): Promise<ConsoleAnswer> {
  try {
    checkFont(font);
  } catch (error) {
    if (error instanceof FontMissingError) throw new ConsoleRefusal(503, 'FONT_MISSING', error.message);
    throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jinka-sheet-'));
  try {
    const path = join(dir, 'cards.pdf');
    await writeCardSheet(path, cards, font, { demo });
    return download(readFileSync(path), 'application/pdf', fileName, reply, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function qrDownload(card: StoredCard, reply: Reply): Promise<ConsoleAnswer> {
  return download(await qrPng(card.token), 'image/png', `${card.sub}.png`, reply, card.sub);
}

/** Every card's QR code as SUB.png in one zip (stored, not compressed: PNGs do not shrink). */
export async function qrZipDownload(cards: readonly StoredCard[], fileName: string, reply: Reply, target: string): Promise<ConsoleAnswer> {
  const files: Record<string, Uint8Array> = {};
  for (const card of cards) files[`${card.sub}.png`] = await qrPng(card.token);
  return download(Buffer.from(zipSync(files, { level: 0 })), 'application/zip', fileName, reply, target);
}

/** Tokens as text: one `SUB TOKEN` line per card. */
export function tokensDownload(cards: readonly StoredCard[], fileName: string, reply: Reply, target: string): ConsoleAnswer {
  return download(cards.map((c) => `${c.sub} ${c.token}\n`).join(''), 'text/plain; charset=utf-8', fileName, reply, target);
}
