import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { ProgressBar } from '../../ui/ProgressBar';

type Product = Schemas['ProductDto'];

/** Photos: the first is the cover; add from the camera or the gallery, move, remove. */
export function ProductImages({ product, onChanged }: { product: Product; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const [images, setImages] = useState(product.images);
  // The photo being sent, shown at once from the device while the bar fills.
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setImages(product.images), [product.images]);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  const add = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setError(null);
    setProgress(0);
    setPreview(URL.createObjectURL(file));
    const answer = await uploadFile<Product>(`/api/v1/products/${product.id}/images`, form, i18n.language, setProgress);
    setPreview(null);
    if (input.current) input.current.value = '';
    if (!answer.data) return setError(answer.error?.code === 'NETWORK' ? errorOf(null, t('errors.network')) : (answer.error ?? null));
    setImages(answer.data.images);
    onChanged();
  };

  const move = async (index: number, by: -1 | 1) => {
    const next = [...images];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setImages(next);
    const { data, error: failure } = await api
      .PUT('/api/v1/products/{id}/images/order', { params: { path: { id: product.id } }, body: { imageIds: next.map((i) => i.id) } })
      .catch(() => ({ data: undefined, error: null }));
    if (!data) {
      setImages(images);
      return setError(errorOf(failure, t('errors.network')));
    }
    setImages(data.images);
  };

  const remove = async (imageId: string) => {
    const { error: failure, response } = await api
      .DELETE('/api/v1/products/{id}/images/{imageId}', { params: { path: { id: product.id, imageId } } })
      .catch(() => ({ error: null, response: null }));
    if (!response?.ok) return setError(errorOf(failure, t('errors.network')));
    setImages((list) => list.filter((i) => i.id !== imageId));
    onChanged();
  };

  return (
    <section className="product-images" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('seller.images.title')}</h2>
      {images.length === 0 && !preview && <p className="muted">{t('seller.images.none')}</p>}
      <ol className="image-grid">
        {images.map((image, i) => (
          <li key={image.id}>
            <img src={image.urls['320'] ?? Object.values(image.urls)[0]} alt={t('product.photoN', { n: i + 1 })} width={image.width} height={image.height} />
            {i === 0 && <span className="cover-mark">{t('seller.images.cover')}</span>}
            <div className="image-actions">
              <button
                type="button"
                className="copy-button"
                disabled={i === 0}
                onClick={() => void move(i, -1)}
                aria-label={t('seller.images.earlier', { n: i + 1 })}
              >
                ←
              </button>
              <button
                type="button"
                className="copy-button"
                disabled={i === images.length - 1}
                onClick={() => void move(i, 1)}
                aria-label={t('seller.images.later', { n: i + 1 })}
              >
                →
              </button>
              <button type="button" className="copy-button" onClick={() => void remove(image.id)} aria-label={t('seller.images.remove', { n: i + 1 })}>
                {t('seller.common.remove')}
              </button>
            </div>
          </li>
        ))}
        {preview && (
          <li className="uploading">
            <img src={preview} alt={t('seller.images.uploading')} />
            <ProgressBar value={progress} label={t('seller.images.uploading')} />
          </li>
        )}
      </ol>
      <label className="button secondary">
        {t('seller.images.add')}
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={!!preview}
          onChange={(e) => void add(e.target.files?.[0])}
        />
      </label>
      <p className="hint">{t('seller.images.hint')}</p>
      {error && (
        <p className="field-error" role="alert">
          {error.details?.[0]?.message ?? error.message}
        </p>
      )}
    </section>
  );
}
