/** A point of the code in module units (u across, v down) and where it lies in the image (px). */
export interface Correspondence {
  u: number;
  v: number;
  x: number;
  y: number;
}

/** A plane-to-image projection: module coordinates to pixels. */
export interface Homography {
  map(u: number, v: number): [number, number];
}

/**
 * Least-squares projection through the correspondences: a full homography from four or
 * more points, an affine map from three (a tilted card's far corner is then only a guess).
 * Coordinates are centred and scaled first so the normal equations stay well conditioned.
 * Null when the points are degenerate (collinear, coincident).
 */
export function fitHomography(points: readonly Correspondence[]): Homography | null {
  if (points.length < 3) return null;
  const nu = normaliser(points.map((p) => [p.u, p.v] as const));
  const nx = normaliser(points.map((p) => [p.x, p.y] as const));
  const unknowns = points.length >= 4 ? 8 : 6;
  const ata = Array.from({ length: unknowns }, () => new Float64Array(unknowns));
  const atb = new Float64Array(unknowns);
  const add = (row: number[], rhs: number): void => {
    for (let i = 0; i < unknowns; i++) {
      atb[i]! += row[i]! * rhs;
      for (let j = 0; j < unknowns; j++) ata[i]![j]! += row[i]! * row[j]!;
    }
  };
  for (const p of points) {
    const u = (p.u - nu.cx) * nu.s;
    const v = (p.v - nu.cy) * nu.s;
    const x = (p.x - nx.cx) * nx.s;
    const y = (p.y - nx.cy) * nx.s;
    add([u, v, 1, 0, 0, 0, -u * x, -v * x].slice(0, unknowns), x);
    add([0, 0, 0, u, v, 1, -u * y, -v * y].slice(0, unknowns), y);
  }
  const h = solve(ata, atb);
  if (h === null) return null;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = h;
  return {
    map(u0: number, v0: number): [number, number] {
      const u = (u0 - nu.cx) * nu.s;
      const v = (v0 - nu.cy) * nu.s;
      const w = g * u + k * v + 1;
      return [(a * u + b * v + c) / w / nx.s + nx.cx, (d * u + e * v + f) / w / nx.s + nx.cy];
    },
  };
}

function normaliser(points: ReadonlyArray<readonly [number, number]>): { cx: number; cy: number; s: number } {
  let cx = 0;
  let cy = 0;
  for (const [x, y] of points) {
    cx += x;
    cy += y;
  }
  cx /= points.length;
  cy /= points.length;
  let spread = 0;
  for (const [x, y] of points) spread += Math.hypot(x - cx, y - cy);
  spread /= points.length;
  return { cx, cy, s: spread > 0 ? Math.SQRT2 / spread : 1 };
}

/** Gaussian elimination with partial pivoting; null for a singular system. */
function solve(m: Float64Array[], rhs: Float64Array): Float64Array | null {
  const n = rhs.length;
  const a = m.map((row) => Float64Array.from(row));
  const b = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / a[col]![col]!;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= factor * a[col]![c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let sum = b[r]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}
