// Minimal PNG (8-bit RGB, filter Up) writer and reader, and y4m (C420jpeg) writer and reader.
import { deflateSync, inflateSync } from 'node:zlib';

const CRC = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC[n] = c;
}
function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC[(c ^ buf[i]) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes of an Img (values clamped and rounded). */
export function encodePng(img) {
  const { w, h, d } = img,
    row = w * 3 + 1,
    raw = Buffer.alloc(row * h);
  const q = new Uint8Array(w * 3 * 2);
  for (let y = 0; y < h; y++) {
    raw[y * row] = 2; // filter Up
    const cur = y & 1 ? q.subarray(w * 3) : q.subarray(0, w * 3),
      prev = y & 1 ? q.subarray(0, w * 3) : q.subarray(w * 3);
    for (let i = 0; i < w * 3; i++) {
      const v = d[y * w * 3 + i];
      cur[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      raw[y * row + 1 + i] = (cur[i] - (y ? prev[i] : 0)) & 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Decode an 8-bit RGB/RGBA/grey PNG (non-interlaced) to RGBA {data, width, height}. */
export function decodePng(buf) {
  let p = 8,
    w = 0,
    h = 0,
    ct = 0;
  const idat = [];
  while (p < buf.length) {
    const len = buf.readUInt32BE(p),
      type = buf.toString('ascii', p + 4, p + 8),
      data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      ct = data[9];
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const bpp = { 0: 1, 2: 3, 4: 2, 6: 4 }[ct],
    raw = inflateSync(Buffer.concat(idat)),
    row = w * bpp;
  const px = new Uint8Array(row * h);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (row + 1)],
      src = y * (row + 1) + 1;
    for (let i = 0; i < row; i++) {
      const a = i >= bpp ? px[y * row + i - bpp] : 0,
        b = y ? px[(y - 1) * row + i] : 0;
      const c = i >= bpp && y ? px[(y - 1) * row + i - bpp] : 0;
      let v = raw[src + i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const pp = a + b - c,
          pa = Math.abs(pp - a),
          pb = Math.abs(pp - b),
          pc = Math.abs(pp - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * row + i] = v & 255;
    }
  }
  const out = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const s = i * bpp;
    if (bpp < 3) out.set([px[s], px[s], px[s], 255], i * 4);
    else out.set([px[s], px[s + 1], px[s + 2], bpp === 4 ? px[s + 3] : 255], i * 4);
  }
  return { data: out, width: w, height: h };
}

export const y4mHeader = (w, h, fps) => Buffer.from(`YUV4MPEG2 W${w} H${h} F${fps}:1 Ip A1:1 C420jpeg\n`);
export const y4mFrame = (yuv) =>
  Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(yuv.buffer, yuv.byteOffset, yuv.byteLength)]);

/** Iterate the frames of a y4m buffer as {index, y: Uint8Array (luma plane), width, height, fps}. */
export function* readY4m(buf) {
  const nl = buf.indexOf(10),
    head = buf.toString('ascii', 0, nl).split(' ');
  const get = (k) => head.find((t) => t[0] === k)?.slice(1);
  const w = +get('W'),
    h = +get('H'),
    [fn, fd] = get('F').split(':').map(Number),
    cs = get('C') || '420jpeg';
  if (!cs.startsWith('420')) throw new Error(`unsupported y4m colour space ${cs}`);
  const size = w * h + 2 * (w >> 1) * (h >> 1);
  let p = nl + 1,
    index = 0;
  while (p < buf.length) {
    const e = buf.indexOf(10, p);
    if (buf.toString('ascii', p, p + 5) !== 'FRAME') throw new Error(`bad y4m frame at byte ${p}`);
    yield { index: index++, y: buf.subarray(e + 1, e + 1 + w * h), width: w, height: h, fps: fn / fd };
    p = e + 1 + size;
  }
}
