/** A worker thread of build-corpus.mjs: renders its share of the frames to PNG files. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { encodePng } from './png.mjs';
import { renderFrame } from './render-frame.mjs';

const { specs, modules, outDir } = workerData;
for (const spec of specs) {
  const frame = renderFrame(spec, spec.tokenIndex === null ? null : modules[spec.tokenIndex]);
  writeFileSync(join(outDir, `${spec.id}.png`), encodePng(frame.width, frame.height, frame.data));
  parentPort.postMessage({ id: spec.id, geometry: frame.geometry });
}
