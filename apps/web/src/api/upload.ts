import { api, errorOf, readSession, type ApiError } from './client';

/**
 * A multipart upload through XMLHttpRequest, because fetch cannot report upload progress and a
 * 5 MB photo over a weak 4G link takes long enough that a person needs to see it move.
 */
export function uploadFile<T>(
  path: string,
  form: FormData,
  language: string,
  onProgress: (fraction: number) => void,
): Promise<{ data?: T; error?: ApiError; status: number }> {
  // A cheap typed call first: it refreshes an expired access token the way every other call does.
  return api.GET('/api/v1/me').then(
    () =>
      new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        const session = readSession();
        if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
        xhr.setRequestHeader('Accept-Language', language);
        xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        xhr.onload = () => {
          let body: unknown;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = null;
          }
          if (xhr.status >= 200 && xhr.status < 300) resolve({ data: body as T, status: xhr.status });
          else resolve({ error: errorOf(body, xhr.statusText || 'Upload failed'), status: xhr.status });
        };
        xhr.onerror = () => resolve({ error: errorOf(null, ''), status: 0 });
        xhr.send(form);
      }),
  );
}
