#!/usr/bin/env node
// Draws the HNB add-in icons with nothing but Node's zlib, so they can be regenerated on any
// machine without an image editor or a network:
//
//   node scripts/make-icons.mjs            write them to assets/
//   node scripts/make-icons.mjs <folder>   write them there instead (test/manifest compares the two)
//
// The add-in's icon (assets/icon-16.png … icon-128.png) is a rounded square in a deep teal with a
// white "H" (for High Needs) and a small amber bar underneath (a nod to the RAG ratings the
// add-in works with). Each ribbon command has its own (assets/<command>-16.png, -32, -80): the
// same square with a white sign of what it does: a tick for Check, an arrow into a tray for
// Import, a page of lines for Paper, four blocks for Templates. Each pixel is supersampled 4×4
// so edges stay smooth at 16 px.
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80, 128];
/** The sizes a ribbon button's icon is given in the manifest. */
const COMMAND_SIZES = [16, 32, 80];
const SUPERSAMPLE = 4;

// Colours as [r, g, b]. These are image data, not task-pane styling.
const BACKGROUND = [0, 94, 102];
const LETTER = [255, 255, 255];
const ACCENT = [255, 185, 0];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.argv[2] ?? join(root, "assets");

/** Which colour (or null for transparent) lies at (x, y) in the unit square [0, 1)². */
function shade(x, y) {
  const radius = 0.18;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null; // outside the rounded corner

  const inRect = (x0, y0, x1, y1) => x >= x0 && x < x1 && y >= y0 && y < y1;
  // The "H": two uprights and a crossbar.
  if (inRect(0.24, 0.18, 0.38, 0.72) || inRect(0.62, 0.18, 0.76, 0.72) || inRect(0.24, 0.39, 0.76, 0.51)) {
    return LETTER;
  }
  // The amber bar.
  if (inRect(0.24, 0.78, 0.76, 0.86)) return ACCENT;
  return BACKGROUND;
}

/** Distance from (x, y) to the segment (x0, y0)–(x1, y1). */
function toSegment(x, y, [x0, y0], [x1, y1]) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}

/** On a stroke of `width` through `points`? */
function onStroke(x, y, width, ...points) {
  for (let i = 1; i < points.length; i++) if (toSegment(x, y, points[i - 1], points[i]) <= width / 2) return true;
  return false;
}

/** A ribbon command's icon: the rounded teal square with a white sign drawn by `glyph`. */
function commandShade(glyph) {
  return (x, y) => {
    const radius = 0.18;
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null;
    return glyph(x, y) ?? BACKGROUND;
  };
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x < x1 && y >= y0 && y < y1;

const COMMANDS = {
  // A tick.
  check: commandShade((x, y) => (onStroke(x, y, 0.13, [0.24, 0.52], [0.43, 0.71], [0.77, 0.31]) ? LETTER : null)),
  // An arrow down into a tray.
  import: commandShade((x, y) => {
    if (onStroke(x, y, 0.12, [0.5, 0.17], [0.5, 0.58]) || onStroke(x, y, 0.12, [0.31, 0.42], [0.5, 0.61], [0.69, 0.42])) return LETTER;
    if (onStroke(x, y, 0.1, [0.22, 0.62], [0.22, 0.8], [0.78, 0.8], [0.78, 0.62])) return LETTER;
    return null;
  }),
  // A page with three lines of text.
  paper: commandShade((x, y) => {
    if (!inRect(x, y, 0.27, 0.15, 0.73, 0.85)) return null;
    const line = [0.32, 0.47, 0.62].some((top) => inRect(x, y, 0.35, top, 0.65, top + 0.07));
    return line ? BACKGROUND : LETTER;
  }),
  // Four blocks, as a sheet laid out in advance.
  templates: commandShade((x, y) => {
    const a = (v) => (v >= 0.2 && v < 0.46) || (v >= 0.54 && v < 0.8);
    return a(x) && a(y) ? LETTER : null;
  }),
};

function render(size, shadeAt = shade) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = shadeAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            covered++;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((covered / (n * n)) * 255);
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // no interlace
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${file}`);
}
for (const [name, shadeAt] of Object.entries(COMMANDS)) {
  for (const size of COMMAND_SIZES) {
    const file = join(outDir, `${name}-${size}.png`);
    writeFileSync(file, encodePng(size, render(size, shadeAt)));
    console.log(`wrote ${file}`);
  }
}
