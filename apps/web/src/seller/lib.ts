import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';

type Answer<T> = Promise<{ data?: T; error?: unknown; response: Response }>;


export type Job = Schemas['JobDto'];

/** Follows a queued job (import, sync) until it ends; `null` before one is started. */
export function useJob(jobId: string | null, onEnd?: (job: Job) => void): { job: Job | null; error?: ApiError } {
  const { t, i18n } = useTranslation();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError>();
  const ended = useRef(onEnd);
  ended.current = onEnd;
  useEffect(() => {
    setJob(null);
    setError(undefined);
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      const { data, error: failure } = await api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId }, header: { 'accept-language': i18n.language } } }).catch(() => ({ data: undefined, error: null }));
      if (!live) return;
      if (!data) {
        setError(errorOf(failure, t('errors.network')));
        timer = setTimeout(() => void poll(), 3000);
        return;
      }
      setError(undefined);
      setJob(data);
      if (data.status === 'completed' || data.status === 'failed') ended.current?.(data);
      else timer = setTimeout(() => void poll(), 600);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, t, i18n.language]);
  return { job, error };
}

export type Overview = Schemas['SellerOverviewDto'];

/** What needs the cooperative's attention: the home's numbers and the navigation's badge. */
export function getOverview(cooperativeId: string) {
  return api.GET('/api/v1/cooperatives/{id}/overview', { params: { path: { id: cooperativeId } } });
}

/** Issues a new feed link; the old one stops working at once. */
export function replaceFeedLink(channelId: string) {
  return api.POST('/api/v1/channels/{id}/feed-token', { params: { path: { id: channelId } } });
}
