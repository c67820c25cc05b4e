/**
 * The add-in's icon, drawn as vectors and rasterized with 4×4 supersampling: a red pennant over a yellow one on a
 * dark pole, in front of a green spreadsheet grid (the ledger). Pure: size in, RGBA pixels out.
 * Details that would blur at 16 px (grid lines, outlines) snap to whole pixels with a 1 px minimum.
 */

type Rgba = readonly [number, number, number, number];

const COLORS = {
  sheet: [232, 245, 238, 255],
  sheetBorder: [33, 115, 70, 255], // Excel green
  header: [33, 115, 70, 255],
  grid: [120, 178, 150, 255],
  pole: [70, 74, 80, 255],
  red: [214, 38, 43, 255],
  yellow: [247, 185, 0, 255],
  halo: [255, 255, 255, 255],
} satisfies Record<string, Rgba>;

type Point = readonly [number, number];

interface Shape {
  color: Rgba;
  /** Coordinates are in pixels of the target size. */
  contains(x: number, y: number): boolean;
}

function rect(x0: number, y0: number, x1: number, y1: number, color: Rgba): Shape {
  return { color, contains: (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1 };
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number, color: Rgba): Shape {
  return {
    color,
    contains(x, y) {
      if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
      const cx = Math.min(Math.max(x, x0 + r), x1 - r);
      const cy = Math.min(Math.max(y, y0 + r), y1 - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
  };
}

function distToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A polygon, optionally grown by `grow` pixels (used for the white halo that separates flags from the grid). */
function polygon(points: Point[], color: Rgba, grow = 0): Shape {
  return {
    color,
    contains(x, y) {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i]!;
        const [xj, yj] = points[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      if (inside || grow === 0) return inside;
      return points.some((p, i) => distToSegment(x, y, p, points[(i + 1) % points.length]!) <= grow);
    },
  };
}

function shapes(size: number): Shape[] {
  const u = (f: number) => f * size;
  const px = (f: number) => Math.max(1, Math.round(f * size)); // whole-pixel widths, at least 1 px
  const snap = (f: number) => Math.round(f * size);
  const out: Shape[] = [];

  // The ledger: a sheet with a green header band and grid lines.
  const sx0 = snap(0.3);
  const sy0 = snap(0.34);
  const sx1 = size - snap(0.03);
  const sy1 = size - snap(0.03);
  const border = px(0.04);
  out.push(roundedRect(sx0, sy0, sx1, sy1, u(0.07), COLORS.sheetBorder));
  out.push(rect(sx0 + border, sy0 + border, sx1 - border, sy1 - border, COLORS.sheet));
  const headerBottom = sy0 + Math.max(border + 1, snap(0.14));
  out.push(rect(sx0 + border, sy0 + border, sx1 - border, headerBottom, COLORS.header));
  const line = px(0.025);
  const rows = size >= 48 ? 4 : 2;
  const cols = size >= 48 ? 3 : 2;
  for (let r = 1; r < rows; r++) {
    const y = Math.round(headerBottom + ((sy1 - border - headerBottom) * r) / rows);
    out.push(rect(sx0 + border, y, sx1 - border, y + line, COLORS.grid));
  }
  for (let c = 1; c < cols; c++) {
    const x = Math.round(sx0 + ((sx1 - sx0) * c) / cols);
    out.push(rect(x, headerBottom, x + line, sy1 - border, COLORS.grid));
  }

  // The pole and two pennants: red (warning) on top, yellow (reminder) below.
  const poleX0 = snap(0.1);
  const poleX1 = poleX0 + px(0.065);
  const red: Point[] = [[poleX1, u(0.05)], [poleX1, u(0.39)], [u(0.78), u(0.22)]];
  const yellow: Point[] = [[poleX1, u(0.41)], [poleX1, u(0.69)], [u(0.62), u(0.55)]];
  const halo = Math.max(0.6, u(0.025));
  out.push(polygon(red, COLORS.halo, halo), polygon(yellow, COLORS.halo, halo));
  out.push(polygon(red, COLORS.red), polygon(yellow, COLORS.yellow));
  out.push(rect(poleX0, snap(0.03), poleX1, size - snap(0.02), COLORS.pole));
  out.push(roundedRect(poleX0 - px(0.02), snap(0.01), poleX1 + px(0.02), snap(0.01) + px(0.08), u(0.04), COLORS.pole));
  return out;
}

const SUPERSAMPLE = 4;

/** RGBA pixels (straight alpha), rows top to bottom. */
export function renderIcon(size: number): Uint8Array {
  const list = shapes(size);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = x + (sx + 0.5) / SUPERSAMPLE;
          const py = y + (sy + 0.5) / SUPERSAMPLE;
          let hit: Rgba | undefined;
          for (const shape of list) if (shape.contains(px, py)) hit = shape.color;
          if (hit) {
            r += hit[0] * hit[3];
            g += hit[1] * hit[3];
            b += hit[2] * hit[3];
            a += hit[3];
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round(a / (SUPERSAMPLE * SUPERSAMPLE));
      }
    }
  }
  return out;
}

/** Sizes the manifest and the stores ask for. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
