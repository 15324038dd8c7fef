import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import { CARDS_PER_PAGE, DEFAULT_CJK_FONT, writeCardSheet } from '../../../hub/issue/card-sheet-pdf.js';
import { cleanupAfterEach, holder, issue, tempDir, testHub } from '../hub-fixtures.js';

/**
 * A roster's sheet is drawn inline on the hub's one thread (README "The bureau's console",
 * Cards: sheets stay inline, in parts), so the drawing yields between pages: a request that
 * arrives while a sheet is drawn (a terminal's sync, another officer) runs before the sheet's
 * later pages, not after the whole sheet.
 */
describe('roster card sheets share the hub’s thread', () => {
  const later = cleanupAfterEach();

  it('lets work queued after the sheet began run before its last page is drawn', async () => {
    const made = await testHub();
    later(made.cleanup);
    const cards = await issue(made.hub, Array.from({ length: 3 * CARDS_PER_PAGE }, (_, i) => holder(i + 1)));
    const { dir, cleanup } = tempDir();
    later(cleanup);
    let otherWorkRan = false;
    const seenAtPage: boolean[] = [];
    const proto = PDFDocument.prototype as PDFKit.PDFDocument;
    // The prototype's own method, called with each document as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const addPage = proto.addPage;
    const spy = vi.spyOn(proto, 'addPage').mockImplementation(function (this: PDFKit.PDFDocument, options) {
      seenAtPage.push(otherWorkRan);
      return addPage.call(this, options);
    });
    try {
      const drawn = writeCardSheet(join(dir, 'sheet.pdf'), cards, { path: DEFAULT_CJK_FONT }, { demo: false });
      // Another request's work, queued once the sheet has begun.
      setImmediate(() => (otherWorkRan = true));
      await drawn;
    } finally {
      spy.mockRestore();
    }
    expect(seenAtPage).toHaveLength(3);
    expect(seenAtPage[0]).toBe(false);
    expect(seenAtPage.at(-1)).toBe(true);
  });
});
