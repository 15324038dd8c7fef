import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCardFiles } from '../../../hub/issue/card-files.js';
import { CARDS_PER_PAGE, DEFAULT_CJK_FONT, FontMissingError, writeCardSheet } from '../../../hub/issue/card-sheet-pdf.js';
import { cleanupAfterEach, holder, issue, tempDir, testHub } from '../hub-fixtures.js';

describe('card files', () => {
  const later = cleanupAfterEach();

  it('writes each token, its QR PNG, and an A4 sheet with several cards a page', async () => {
    const made = await testHub();
    later(made.cleanup);
    const cards = await issue(made.hub, Array.from({ length: CARDS_PER_PAGE + 1 }, (_, i) => holder(i + 1)));
    const { dir, cleanup } = tempDir();
    later(cleanup);
    const files = await writeCardFiles(dir, cards, { path: DEFAULT_CJK_FONT }, false);
    expect(files.tokens).toHaveLength(cards.length);
    expect(readFileSync(join(dir, `${cards[0]?.sub ?? ''}.jwt`), 'utf8').trim()).toBe(cards[0]?.token);
    const png = readFileSync(join(dir, `${cards[0]?.sub ?? ''}.png`));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const pdf = readFileSync(files.pdf ?? '').toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pdf).toMatch(/NotoSansCJK/);
    expect(readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('fails with a clear message when the CJK font is missing, writing no sheet', async () => {
    const { dir, cleanup } = tempDir();
    later(cleanup);
    const target = join(dir, 'cards.pdf');
    await expect(writeCardSheet(target, [], { path: join(dir, 'no-such-font.ttc') }, { demo: false })).rejects.toThrow(FontMissingError);
    await expect(writeCardSheet(target, [], { path: join(dir, 'no-such-font.ttc') }, { demo: false })).rejects.toThrow(/fonts-noto-cjk.*--font FILE/);
    expect(existsSync(target)).toBe(false);
  });
});
