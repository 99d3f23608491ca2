import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  InputRenderer,
  useField,
  useQueryParams,
  useRBAC,
  type Filters,
} from '@strapi/strapi/admin';
import { ACCOUNT_ATTRIBUTE } from '../../../shared/contracts';
import { useLatest } from '../hooks/useLatest';
import { PERMISSIONS } from '../permissions';
import { accountById, hasAccountOption } from '../utils/accounts-by-id';
import { AccountCombobox } from './AccountCombobox';

/**
 * The value of the Content Manager's Account filter: an account picked by name or number, kept
 * in the URL by its id. An admin who may not read accounts types its id instead.
 */
export const AccountFilterInput = ({ name, 'aria-label': label }: Filters.ValueInputProps) => {
  const { value, onChange } = useField<string | undefined>(name);
  const { isLoading, allowedActions } = useRBAC(PERMISSIONS.read);
  if (isLoading) return null;
  if (!allowedActions.canRead) {
    return <InputRenderer name={name} aria-label={label} type="integer" />;
  }
  const id = Number(value);
  return (
    <AccountCombobox
      aria-label={label}
      value={value && Number.isInteger(id) ? id : null}
      onChange={(picked) => onChange(name, picked === null ? '' : String(picked))}
    />
  );
};

type FilterQuery = { filters?: { $and?: unknown[] } };

/** The account ids that the URL's filters compare the account reference with. */
const accountIdsIn = (query: FilterQuery) =>
  (query.filters?.$and ?? []).flatMap((entry) => {
    const condition = (entry as Record<string, unknown> | null)?.[ACCOUNT_ATTRIBUTE];
    if (typeof condition !== 'object' || condition === null) return [];
    return Object.values(condition)
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0);
  });

/**
 * In the list view's actions, shows nothing: loads the accounts that the URL's Account filters
 * name (after a reload, or a link from the account page), then renders the filter chips again,
 * which read each account's label when they render ("Account is 12345678 · Acme Corp"). The
 * Content Manager renders them on a change of location, so the location is replaced by itself.
 */
export const AccountFilterLabels = () => {
  const [{ query }] = useQueryParams<FilterQuery>();
  const location = useLocation();
  const navigate = useNavigate();
  const latest = useLatest({ location, navigate });
  const missing = [...new Set(accountIdsIn(query))].filter((id) => !hasAccountOption(id));
  const key = missing.join(',');

  useEffect(() => {
    if (!key) return;
    let mounted = true;
    void Promise.all(key.split(',').map((id) => accountById(Number(id)))).then((found) => {
      if (!mounted || !found.some(Boolean)) return;
      const { location, navigate } = latest.current;
      const { pathname, search, hash, state } = location;
      navigate({ pathname, search, hash }, { replace: true, state: state as unknown });
    });
    return () => {
      mounted = false;
    };
  }, [key, latest]);

  return null;
};
