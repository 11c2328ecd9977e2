import type { Api } from './api';
import { problemOf } from './api';
import { ApiError, type Media } from './types';

/**
 * Uploads one file to {@code POST /v1/media} as raw bytes (its Content-Type, {@code ?filename=}), reporting
 * progress (0..1). XMLHttpRequest because fetch reports no upload progress.
 */
export async function uploadMedia(api: Api, file: File, onProgress: (fraction: number) => void, useLocation = false): Promise<Media> {
  const token = await api.tokens.accessToken();
  if (!token) throw new ApiError(401, 'unauthorized', 'signed out');
  const query = '?filename=' + encodeURIComponent(file.name) + (useLocation ? '&useLocation=true' : '');
  return new Promise<Media>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/media' + query);
    xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as Media);
      } else {
        const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
        problemOf(res).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed: network error'));
    xhr.send(file);
  });
}

/** Files above this go through the resumable tus endpoint (a dropped connection does not start them over). */
export const RESUMABLE_ABOVE_BYTES = 16 * 1024 * 1024;

/** Uploads a file: one request for small ones, tus in 4 MiB chunks for large ones. */
export async function uploadFile(api: Api, file: File, onProgress: (fraction: number) => void, useLocation = false): Promise<Media> {
  if (file.size <= RESUMABLE_ABOVE_BYTES) return uploadMedia(api, file, onProgress, useLocation);
  const { tusUpload } = await import('./tus');
  const id = await tusUpload({ file, filename: file.name, token: () => api.tokens.accessToken(), onProgress, useLocation });
  return api.get<Media>('/v1/media/' + encodeURIComponent(id));
}
