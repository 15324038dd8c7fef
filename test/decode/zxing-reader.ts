import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { PassKind, ReadQr } from '../../renderer/src/scanner/decoder/read-qr.js';
import { READER_OPTIONS } from '../../renderer/src/scanner/decoder/reader-options.js';

/** zxing-wasm in this process, from the package's own .wasm (no fetch): call once before reading. */
export async function prepareZxing(): Promise<void> {
  const require = createRequire(import.meta.url);
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer }, fireImmediately: true });
}

/** The worker's reader (qr-worker.ts) with its options, in this process; passes named in `skip` read nothing. */
export function zxingReader(skip: readonly PassKind[] = []): ReadQr {
  return async (image, pass) => {
    if (skip.includes(pass)) return null;
    const results = await readBarcodes({ data: image.data, width: image.width, height: image.height }, READER_OPTIONS[pass]);
    return results.find((r) => r.isValid && r.text.length > 0)?.text ?? null;
  };
}
