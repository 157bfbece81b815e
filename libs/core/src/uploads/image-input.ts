import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppException } from '../errors/app.exception.js';

/**
 * The most pixels an uploaded picture may have: a 48-megapixel phone photo passes. Decoded, every
 * megapixel costs 3–4 MB of memory outside the JS heap, and a 256-megapixel PNG of a few kilobytes
 * (one colour compresses to nothing) would have cost a gigabyte.
 */
export const IMAGE_MAX_PIXELS = 50_000_000;

/**
 * A sharp pipeline over bytes someone sent: its header is read first and a picture larger than
 * IMAGE_MAX_PIXELS is refused (400 naming `field`) before a pixel is decoded; `limitInputPixels`
 * holds the same line inside sharp for whatever the header did not say.
 */
export async function openImage(
  source: Buffer,
  options: { field?: string; failOn?: 'none' | 'truncated' | 'error' | 'warning' } = {},
): Promise<{ image: Sharp; meta: Metadata }> {
  const field = options.field ?? 'file';
  // The header alone, without sharp's own limit, so an oversized picture is named as such (not "invalid").
  const meta = await sharp(source, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw AppException.validation([{ field, key: 'validation.invalid' }]);
    });
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > IMAGE_MAX_PIXELS) {
    throw AppException.validation([{ field, key: 'validation.imageTooManyPixels', params: { width, height, max: IMAGE_MAX_PIXELS / 1_000_000 } }]);
  }
  return { image: sharp(source, { limitInputPixels: IMAGE_MAX_PIXELS, ...(options.failOn ? { failOn: options.failOn } : {}) }), meta };
}
