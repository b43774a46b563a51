/**
 * Phone photos for the corpus: 4000 × 3000 JPEGs of about 3 MB, as a phone takes them, made once
 * with sharp; each copy gets a comment segment of its own, so every photo has other bytes (and
 * another content hash) and the build processes each one.
 */
import sharp from 'sharp';

const WIDTH = 4000;
const HEIGHT = 3000;

let base: Promise<Buffer> | undefined;

/** Smooth light with some grain: compresses like a photo of a street or a meeting room, not like noise. */
function makeBase(): Promise<Buffer> {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 1;
  const grain = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 24) - 12;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 3;
      data[i] = Math.max(0, Math.min(255, 90 + 80 * Math.sin(x / 300) + grain()));
      data[i + 1] = Math.max(0, Math.min(255, 110 + 60 * Math.cos(y / 210) + grain()));
      data[i + 2] = Math.max(0, Math.min(255, 120 + 50 * Math.sin((x + y) / 500) + grain()));
    }
  }
  return sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** Photo number `n`: the same picture, its own bytes (a JPEG comment after the start marker). */
export async function corpusPhoto(n: number): Promise<Buffer> {
  const jpeg = await (base ??= makeBase());
  const text = Buffer.from(`bench photo ${n}`);
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
  return Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
}
