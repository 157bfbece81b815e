import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { TO_CONFIRM } from './lib';

/** How often the navigation badge asks for new orders while the portal is open. */
export const TO_CONFIRM_POLL_MS = 60_000;

/**
 * Orders waiting for the cooperative's confirmation, from every channel: the totals of the order
 * list for each status the `confirm` action starts from (the list's own count, one row each).
 */
export function useOrdersToConfirm(cooperativeId: string): { count: number; reload(): void } {
  const [count, setCount] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => {
    const call = ++latest.current;
    Promise.all(
      TO_CONFIRM.map((status) => api.GET('/api/v1/cooperatives/{id}/orders', { params: { path: { id: cooperativeId }, query: { status, limit: 1 } } })),
    )
      .then((answers) => {
        if (call !== latest.current || answers.some((a) => !a.data)) return;
        setCount(answers.reduce((sum, a) => sum + (a.data?.totals.orders ?? 0), 0));
      })
      .catch(() => undefined);
  }, [cooperativeId]);
  useEffect(() => reload(), [reload]);
  return { count, reload };
}
