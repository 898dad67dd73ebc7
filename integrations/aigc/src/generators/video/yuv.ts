/**
 * RGBA pixels → planar YUV 4:2:0 (BT.601 limited range, what VP9 players assume when a file
 * says nothing else): one luma sample a pixel, one chroma pair per 2×2 block.
 */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const size = width * height;
  const cw = width >> 1;
  const out = new Uint8Array(size + 2 * cw * (height >> 1));
  const u = size;
  const v = size + cw * (height >> 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out[y * width + x] = (16 + (65.738 * rgba[i]! + 129.057 * rgba[i + 1]! + 25.064 * rgba[i + 2]!) / 256 + 0.5) | 0;
    }
  }
  for (let y = 0; y < height >> 1; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * y + dy) * width + 2 * x + dx) * 4;
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[u + y * cw + x] = (128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256 + 0.5) | 0;
      out[v + y * cw + x] = (128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256 + 0.5) | 0;
    }
  }
  return out;
}
