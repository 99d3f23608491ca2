import { useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { API, cleanParams, errorMessage } from '../utils/api';
import { watchResource } from '../utils/resources';
import { useLatest } from './useLatest';
import { useT } from './useT';

type Params = Record<string, string | number | undefined | null>;

/**
 * Loads `GET /multi-account<path>` and reloads it when the path or the parameters change, on
 * `reload()`, or when a change is made to its resource (`utils/resources`).
 * Failures show as a notification; `path: null` loads nothing.
 */
export const useLoad = <T>(path: string | null, params: Params = {}) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useT();
  const latest = useLatest({ get, t, toggleNotification });
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [failed, setFailed] = useState(false);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(cleanParams(params));

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    const { get, t, toggleNotification } = latest.current;
    get<T>(`${API}${path}`, { params: JSON.parse(key), signal: controller.signal })
      .then((res) => {
        setData(res.data);
        setFailed(false);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed(true);
        setLoading(false);
        toggleNotification({ type: 'danger', message: errorMessage(error) ?? t('error.load') });
      });
    return () => controller.abort();
  }, [path, key, version, latest]);

  useEffect(() => {
    if (path === null) return;
    return watchResource(path, () => setVersion((v) => v + 1));
  }, [path]);

  return { data, loading, failed, reload: () => setVersion((v) => v + 1) };
};
