import { useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { API, errorMessage } from '../utils/api';
import { resourceChanged, resourceOf } from '../utils/resources';
import { useT } from './useT';

type Method = 'post' | 'put' | 'del';
type Result<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Sends one change to `/multi-account<path>`; says so in a notification either way (the server's
 * message on failure, e.g. why the last owner cannot be removed). `busy` is true meanwhile. Once
 * it is made, every load of the resource it changed runs again (`utils/resources`).
 */
export const useAction = () => {
  const { post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useT();
  const [busy, setBusy] = useState(false);

  const send = async <T>(
    method: Method,
    path: string,
    body?: unknown,
    success?: string
  ): Promise<Result<T>> => {
    setBusy(true);
    try {
      const url = `${API}${path}`;
      const res =
        method === 'del' ? await del<T>(url) : await (method === 'post' ? post : put)<T>(url, body);
      if (success) toggleNotification({ type: 'success', message: success });
      // a resource deleted whole is not loaded again: its page goes away
      if (method !== 'del' || resourceOf(path) !== path) resourceChanged(path);
      return { ok: true, data: res.data };
    } catch (error) {
      const message = errorMessage(error) ?? t('error.unknown');
      toggleNotification({ type: 'danger', message });
      return { ok: false, message };
    } finally {
      setBusy(false);
    }
  };

  return { send, busy };
};
