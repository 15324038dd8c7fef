/** A rectangle of the frame, in pixels (x1, y1 exclusive). */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const BLOCK = 8;
/** Blocks of margin kept around the busy patch: the reader needs the code's quiet zone. */
const MARGIN = 3;
/** Patches joined to the largest (locateJoined): at most this many blocks apart, … */
const JOIN_GAP = 10;
/** … and with at least this share of its texture. */
const JOIN_SHARE = 0.15;

/**
 * Finds the part of a grey frame most likely to hold the QR code: the largest patch that
 * is busy in both directions (a QR's modules make edges across and down; text lines and
 * wood grain mostly one way). Measured on a half-size image so sensor noise averages out.
 * Returns null when nothing in the frame is textured at all.
 */
export function locateCode(grey: Uint8Array, width: number, height: number): Region | null {
  return locateRegions(grey, width, height)?.region ?? null;
}

/**
 * Like locateCode, but the busy patch joined with the busy patches beside it: a glare
 * band across a phone's screen leaves no texture where it saturates and splits the code
 * in two or three patches. Patches within JOIN_GAP blocks of the largest, with at least
 * JOIN_SHARE of its texture, are joined. Null when nothing joins (the plain region stands).
 */
export function locateJoined(grey: Uint8Array, width: number, height: number): Region | null {
  return locateRegions(grey, width, height)?.joined ?? null;
}

/** Both regions from one measure of the frame's texture (the decoder needs both on a miss). */
export function locateRegions(grey: Uint8Array, width: number, height: number): { region: Region; joined: Region | null } | null {
  const gw = Math.floor(width / BLOCK);
  const gh = Math.floor(height / BLOCK);
  if (gw < 3 || gh < 3) return null;
  const score = blockTexture(grey, width, height, gw, gh);
  const busy = busyMap(score, gw, gh);
  if (!busy) return null;
  const [best, ...rest] = busyComponents(busy, score, gw, gh);
  if (!best) return null;
  const joined = { ...best };
  let grew = true;
  let any = false;
  const left = [...rest];
  while (grew) {
    grew = false;
    for (let i = left.length - 1; i >= 0; i--) {
      const c = left[i]!;
      if (c.total < JOIN_SHARE * best.total || gap(joined, c) > JOIN_GAP) continue;
      joined.x0 = Math.min(joined.x0, c.x0);
      joined.y0 = Math.min(joined.y0, c.y0);
      joined.x1 = Math.max(joined.x1, c.x1);
      joined.y1 = Math.max(joined.y1, c.y1);
      left.splice(i, 1);
      grew = any = true;
    }
  }
  return { region: toRegion(best, width, height), joined: any ? toRegion(joined, width, height) : null };
}

/** Blocks between two patches' boxes (0 when they overlap or touch). */
function gap(a: Component, b: Component): number {
  const dx = Math.max(0, b.x0 - a.x1 - 1, a.x0 - b.x1 - 1);
  const dy = Math.max(0, b.y0 - a.y1 - 1, a.y0 - b.y1 - 1);
  return Math.max(dx, dy);
}

function toRegion(c: Component, width: number, height: number): Region {
  return {
    x0: Math.max(0, (c.x0 - MARGIN) * BLOCK),
    y0: Math.max(0, (c.y0 - MARGIN) * BLOCK),
    x1: Math.min(width, (c.x1 + 1 + MARGIN) * BLOCK),
    y1: Math.min(height, (c.y1 + 1 + MARGIN) * BLOCK),
  };
}

/** Blocks textured well above the frame's median, holes closed and thin lines dropped; null if none stand out. */
function busyMap(score: Float32Array, gw: number, gh: number): Uint8Array | null {
  const sorted = Float32Array.from(score).sort();
  const floor = sorted[sorted.length >> 1] ?? 0;
  const top = sorted[Math.floor(sorted.length * 0.97)] ?? 0;
  if (top <= floor) return null;
  const threshold = floor + 0.3 * (top - floor);

  let busy: Uint8Array = new Uint8Array(gw * gh);
  for (let i = 0; i < busy.length; i++) busy[i] = (score[i] ?? 0) >= threshold ? 1 : 0;
  // Close the holes a highlight or a scratch leaves, then drop one-block-thin lines of text.
  busy = morph(morph(busy, gw, gh, true), gw, gh, false);
  busy = morph(morph(busy, gw, gh, false), gw, gh, true);
  return busy;
}

// Per block: the smaller of the summed horizontal and vertical gradients, on a 2×2-averaged image.
function blockTexture(grey: Uint8Array, width: number, height: number, gw: number, gh: number): Float32Array {
  const hw = width >> 1;
  const hh = height >> 1;
  const half = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++) {
    const r0 = 2 * y * width;
    const r1 = r0 + width;
    for (let x = 0; x < hw; x++) {
      const c = 2 * x;
      half[y * hw + x] = (grey[r0 + c]! + grey[r0 + c + 1]! + grey[r1 + c]! + grey[r1 + c + 1]!) * 0.25;
    }
  }
  const across = new Float32Array(gw * gh);
  const down = new Float32Array(gw * gh);
  const hb = BLOCK >> 1;
  const rows = Math.min(gh * hb, hh - 1);
  const cols = Math.min(gw * hb, hw - 1);
  for (let y = 0; y < rows; y++) {
    const row = y * hw;
    const blockRow = Math.floor(y / hb) * gw;
    for (let x = 0; x < cols; x++) {
      const v = half[row + x]!;
      const b = blockRow + Math.floor(x / hb);
      across[b]! += Math.abs(half[row + x + 1]! - v);
      down[b]! += Math.abs(half[row + hw + x]! - v);
    }
  }
  const score = new Float32Array(gw * gh);
  for (let i = 0; i < score.length; i++) score[i] = Math.min(across[i]!, down[i]!);
  return score;
}

function morph(src: Uint8Array, gw: number, gh: number, dilate: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let v = dilate ? 0 : 1;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          const inside = yy >= 0 && xx >= 0 && yy < gh && xx < gw;
          const bit = inside ? src[yy * gw + xx]! : dilate ? 0 : 1;
          v = dilate ? v | bit : v & bit;
        }
      }
      out[y * gw + x] = v;
    }
  }
  return out;
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  total: number;
}

/** The connected busy patches, most textured first. */
function busyComponents(busy: Uint8Array, score: Float32Array, gw: number, gh: number): Component[] {
  const seen = new Uint8Array(busy.length);
  const all: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < busy.length; start++) {
    if (!busy[start] || seen[start]) continue;
    const c: Component = { x0: gw, y0: gh, x1: 0, y1: 0, total: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % gw;
      const y = (i - x) / gw;
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y);
      c.total += score[i]!;
      const neighbours = [x > 0 ? i - 1 : -1, x < gw - 1 ? i + 1 : -1, y > 0 ? i - gw : -1, y < gh - 1 ? i + gw : -1];
      for (const j of neighbours) {
        if (j >= 0 && busy[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    all.push(c);
  }
  return all.sort((a, b) => b.total - a.total);
}
