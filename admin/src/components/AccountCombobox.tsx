import { forwardRef, useEffect, useState } from 'react';
import { Combobox, ComboboxOption } from '@strapi/design-system';
import type { AdminAccount, Paginated } from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { accountById, accountLabel, rememberAccount } from '../utils/accounts-by-id';

type Props = {
  value: number | null;
  onChange: (id: number | null) => void;
  disabled?: boolean;
  /** Without a field label around it (the Content Manager's filter). */
  'aria-label'?: string;
};

/**
 * An account picked by name or number (the server searches both), shown as both: the edit view's
 * Account input and the list view's Account filter.
 */
export const AccountCombobox = forwardRef<HTMLInputElement, Props>(
  ({ value, onChange, disabled, 'aria-label': ariaLabel }, ref) => {
    const t = useT();
    const [q, setQ] = useState('');
    const { data, loading } = useLoad<Paginated<AdminAccount>>('/accounts', { q, pageSize: 20 });
    const [current, setCurrent] = useState<AdminAccount | null>(null);
    useEffect(() => {
      let mounted = true;
      if (value !== null) void accountById(value).then((found) => mounted && setCurrent(found));
      return () => {
        mounted = false;
      };
    }, [value]);
    const options = [...(data?.data ?? [])];
    if (current && !options.some((a) => a.id === current.id)) options.unshift(current);

    const pick = (id: string | undefined) => {
      const picked = options.find((account) => String(account.id) === id);
      if (picked) rememberAccount(picked);
      onChange(id ? Number(id) : null);
    };

    return (
      <Combobox
        ref={ref}
        aria-label={ariaLabel}
        disabled={disabled}
        loading={loading}
        // the server searches names and numbers; the combobox's own filter would keep only
        // labels that start with the typed text
        autocomplete="none"
        value={value !== null ? String(value) : undefined}
        onInputChange={(e) => setQ(e.target.value)}
        onChange={pick}
        noOptionsMessage={() => t('scoped.noMatch')}
        placeholder={t('scoped.choose')}
      >
        {options.map((account) => (
          <ComboboxOption key={account.id} value={String(account.id)}>
            {accountLabel(account)}
          </ComboboxOption>
        ))}
      </Combobox>
    );
  }
);
