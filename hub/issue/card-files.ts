import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { StoredCard } from '../store/hub-store.js';
import { writeCardSheet, type SheetFont } from './card-sheet-pdf.js';

/** What was written for a set of cards. */
export interface CardFiles {
  tokens: string[];
  pngs: string[];
  pdf: string | undefined;
}

/** A token's QR code as PNG: error correction M, the size a phone scans well. */
const QR_PNG = { errorCorrectionLevel: 'M', margin: 4, scale: 6 } as const;

/** Writes the QR code of a token as a PNG. */
export async function writeQrPng(path: string, token: string): Promise<void> {
  await QRCode.toFile(path, token, QR_PNG);
}

/** The QR code of a token as PNG bytes (the console's download). */
export function qrPng(token: string): Promise<Buffer> {
  return QRCode.toBuffer(token, QR_PNG);
}

/**
 * Writes each card's token (SUB.jwt) and QR code (SUB.png) into `outDir`, and the printable
 * sheet `cards.pdf` when a font is given. No holder's full name or ID number is written.
 */
export async function writeCardFiles(outDir: string, cards: readonly StoredCard[], font: SheetFont | undefined, demo: boolean, pdfName = 'cards.pdf'): Promise<CardFiles> {
  mkdirSync(outDir, { recursive: true });
  const files: CardFiles = { tokens: [], pngs: [], pdf: undefined };
  for (const card of cards) {
    const tokenPath = join(outDir, `${card.sub}.jwt`);
    writeFileSync(tokenPath, `${card.token}\n`);
    const pngPath = join(outDir, `${card.sub}.png`);
    await writeQrPng(pngPath, card.token);
    files.tokens.push(tokenPath);
    files.pngs.push(pngPath);
  }
  if (font !== undefined) {
    files.pdf = join(outDir, pdfName);
    await writeCardSheet(files.pdf, cards, font, { demo });
  }
  return files;
}
