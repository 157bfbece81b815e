/**
 * Every platform wants a listing's images uploaded to it first and referred to by its own id (or
 * URL) afterwards; only the upload call differs. Keeping what was uploaded means a later publish
 * sends no image twice.
 */
import { ok, type AdapterResult, type PublishInput } from './channel-adapter.js';

export interface ImageFile {
  body: Buffer;
  contentType: string;
  /** `1.jpg`, `2.png`…: the position in the listing, with the extension of the content type. */
  filename: string;
}

/**
 * The first `max` images of the listing, image key → the platform's id: those the input knows as
 * they were, the others read and given to `upload` one at a time, in display order, each reported
 * to the input's `progress` as soon as the platform has it. The first failed upload ends it.
 */
export async function uploadNewImages(
  { listing, imageIds: known, progress }: PublishInput,
  max: number,
  upload: (file: ImageFile) => Promise<AdapterResult<string>>,
): Promise<AdapterResult<Record<string, string>>> {
  const imageIds: Record<string, string> = {};
  for (const [index, image] of listing.images.slice(0, max).entries()) {
    if (known[image.key]) {
      imageIds[image.key] = known[image.key];
      continue;
    }
    const { body, contentType } = await image.read();
    const uploaded = await upload({ body, contentType, filename: `${index + 1}.${contentType === 'image/png' ? 'png' : 'jpg'}` });
    if (!uploaded.ok) return uploaded;
    imageIds[image.key] = uploaded.value;
    await progress?.imageUploaded(image.key, uploaded.value);
  }
  return ok(imageIds);
}
