import { decode, isBlurhashValid } from 'blurhash';

/** A small data URL painted from a blurhash (the placeholder shown until the thumbnail loads), or null. */
export function blurhashUrl(hash: string | null | undefined, width = 32, height = 32): string | null {
  if (!hash || !isBlurhashValid(hash).result) return null;
  const pixels = decode(hash, width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const image = ctx.createImageData(width, height);
  image.data.set(pixels);
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL();
}
