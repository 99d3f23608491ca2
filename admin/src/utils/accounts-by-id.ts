import { getFetchClient } from '@strapi/strapi/admin';
import type { AdminAccount, Paginated } from '../../../shared/contracts';
import { API } from './api';

const known = new Map<number, Promise<AdminAccount | null>>();
let waiting: { id: number; resolve: (account: AdminAccount | null) => void }[] = [];

export const accountLabel = (account: Pick<AdminAccount, 'number' | 'name'>) =>
  `${account.number} · ${account.name}`;

/**
 * The accounts loaded so far, as the options of the Content Manager's account filter: its chips
 * read "Account is 12345678 · Acme Corp" through them. One list, filled in place, since the
 * Content Manager keeps the options it was given and looks a chip's value up as the chip renders.
 */
export const accountOptions: { value: string; label: string }[] = [];

export const hasAccountOption = (id: number) =>
  accountOptions.some((option) => option.value === String(id));

const addOption = (account: AdminAccount) => {
  const option = { value: String(account.id), label: accountLabel(account) };
  const index = accountOptions.findIndex((known) => known.value === option.value);
  if (index === -1) accountOptions.push(option);
  else accountOptions[index] = option;
};

/** Loads the accounts asked for in one tick with one request (a list page asks for up to 100). */
const flush = async () => {
  const batch = waiting;
  waiting = [];
  const ids = [...new Set(batch.map((entry) => entry.id))];
  let found: AdminAccount[] = [];
  try {
    const { get } = getFetchClient();
    const res = await get<Paginated<AdminAccount>>(`${API}/accounts`, {
      params: { ids: ids.join(','), pageSize: ids.length },
    });
    found = res.data.data;
  } catch {
    // an admin without the plugin's read action sees the bare id
    for (const id of ids) known.delete(id);
  }
  found.forEach(addOption);
  for (const entry of batch) entry.resolve(found.find((a) => a.id === entry.id) ?? null);
};

/** The account behind a scoped document's `multiAccountId`, as the admin API shows it. */
export const accountById = (id: number): Promise<AdminAccount | null> => {
  const cached = known.get(id);
  if (cached) return cached;
  const promise = new Promise<AdminAccount | null>((resolve) => {
    if (waiting.length === 0) setTimeout(flush, 0);
    waiting.push({ id, resolve });
    if (waiting.length === 100) void flush();
  });
  known.set(id, promise);
  return promise;
};

/** An account the admin picked from a search: known by its id from now on, without a request. */
export const rememberAccount = (account: AdminAccount) => {
  known.set(account.id, Promise.resolve(account));
  addOption(account);
};
