import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PROJECT_ROOT } from './project-root';

/**
 * Draws Lowbal's icons — a coloured rounded badge holding a white low
 * battery — and writes them as PNG into `resources/`. A white glyph on a
 * saturated badge reads on light and dark panels alike. Run
 * `npx tsx scripts/make-icons.ts` after changing the drawing; a test keeps the
 * committed files equal to what this draws.
 */

type Rgb = [number, number, number];

export const BADGE_COLOURS = {
  ok: [25, 113, 194], // blue: checking and sending
  paused: [105, 115, 125], // grey: paused, read-only, not started
  attention: [224, 49, 49], // red: e-mails failing or waiting for the server
} satisfies Record<string, Rgb>;

export type BadgeState = keyof typeof BADGE_COLOURS;

/** Distance from a point to a rounded rectangle (negative inside), all in units of the icon's size. */
function roundedRect(
  x: number,
  y: number,
  box: { x0: number; y0: number; x1: number; y1: number; r: number },
) {
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const qx = Math.abs(x - cx) - ((box.x1 - box.x0) / 2 - box.r);
  const qy = Math.abs(y - cy) - ((box.y1 - box.y0) / 2 - box.r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - box.r;
}

// In sixteenths of the icon: on the 16 and 32 pixel grids of the tray icons every edge is sharp.
const u = (sixteenths: number) => sixteenths / 16;
const BADGE = { x0: 0, y0: 0, x1: 1, y1: 1, r: u(3.5) };
const BODY = { x0: u(2), y0: u(4), x1: u(12), y1: u(12), r: u(1) };
const BODY_INSIDE = { x0: u(3), y0: u(5), x1: u(11), y1: u(11), r: u(0.25) };
const NUB = { x0: u(12), y0: u(6), x1: u(14), y1: u(10), r: u(0.5) };
const CHARGE = { x0: u(4), y0: u(6), x1: u(6), y1: u(10), r: 0 };

/** Whether a point lies on the white glyph. */
function onGlyph(x: number, y: number): boolean {
  const ring = roundedRect(x, y, BODY) <= 0 && roundedRect(x, y, BODY_INSIDE) > 0;
  return ring || roundedRect(x, y, NUB) <= 0 || roundedRect(x, y, CHARGE) <= 0;
}

/** RGBA pixels of the icon at `size` × `size`, anti-aliased by supersampling (finer for small icons). */
function drawBadge(size: number, colour: Rgb): Buffer {
  const samples = size <= 64 ? 8 : 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let badge = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (roundedRect(x, y, BADGE) > 0) continue;
          badge += 1;
          if (onGlyph(x, y)) glyph += 1;
        }
      }
      const white = badge === 0 ? 0 : glyph / badge;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round(colour[channel] * (1 - white) + 255 * white);
      }
      pixels[offset + 3] = Math.round((255 * badge) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file of RGBA pixels (8 bits per channel, no interlacing). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every icon file under `resources/`, by its path there. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('icon.png', encodePng(512, drawBadge(512, BADGE_COLOURS.ok)));
  for (const [state, colour] of Object.entries(BADGE_COLOURS)) {
    files.set(`tray/tray-${state}.png`, encodePng(16, drawBadge(16, colour)));
    files.set(`tray/tray-${state}@2x.png`, encodePng(32, drawBadge(32, colour)));
  }
  return files;
}

export const RESOURCES_DIR = path.join(PROJECT_ROOT, 'resources');

if (require.main === module) {
  for (const [name, png] of iconFiles()) {
    const file = path.join(RESOURCES_DIR, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png);
    process.stdout.write(`wrote ${path.relative(PROJECT_ROOT, file)} (${png.length} bytes)\n`);
  }
}
