import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, iconFiles, RESOURCES_DIR } from './make-icons';

/** Width, height and RGBA pixels of a PNG as `encodePng` writes it (one IDAT, filter 0 on every row). */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const rows = zlib.inflateSync(png.subarray(41, 41 + idatLength));
  const pixel = (x: number, y: number) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4).subarray(0, 4)];
  return { width, height, pixel };
}

const drawn = iconFiles();

describe('app and tray icons', () => {
  it('are committed as the script draws them', () => {
    for (const [name, png] of drawn) {
      const committed = fs.readFileSync(path.join(RESOURCES_DIR, name));
      expect(committed.equals(png), `${name} is stale: run npx tsx scripts/make-icons.ts`).toBe(true);
    }
  });

  it('are a coloured badge with a white glyph, transparent outside the rounded corners', () => {
    for (const [state, colour] of Object.entries(BADGE_COLOURS)) {
      const icon = decode(drawn.get(`tray/tray-${state}@2x.png`)!);
      expect([icon.width, icon.height]).toEqual([32, 32]);
      expect(icon.pixel(0, 0)[3]).toBe(0);
      expect(icon.pixel(31, 31)[3]).toBe(0);
      // The badge: its colour, opaque; the battery's outline and charge: white.
      expect(icon.pixel(16, 3)).toEqual([...colour, 255]);
      expect(icon.pixel(16, 9)).toEqual([255, 255, 255, 255]);
      expect(icon.pixel(9, 16)).toEqual([255, 255, 255, 255]);
    }
    const app = decode(drawn.get('icon.png')!);
    expect([app.width, app.height]).toEqual([512, 512]);
  });
});
