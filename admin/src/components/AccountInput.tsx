import { forwardRef, useEffect, useState, type ReactNode } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import type { AdminAccount, Paginated } from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { accountById, accountLabel } from '../utils/accounts-by-id';

type Props = {
  name: string;
  label?: ReactNode;
  hint?: ReactNode;
  labelAction?: ReactNode;
  disabled?: boolean;
};

/**
 * The Content Manager's input for a scoped document's account: searched by name or number,
 * shown as both. Choosing another account moves the document there when it is saved.
 */
const AccountInput = forwardRef<HTMLInputElement, Props>(
  ({ name, hint, labelAction, disabled }, ref) => {
    const t = useT();
    const { value, onChange, error } = useField<number | null>(name);
    const [q, setQ] = useState('');
    const { data, loading } = useLoad<Paginated<AdminAccount>>('/accounts', { q, pageSize: 20 });
    const [current, setCurrent] = useState<AdminAccount | null>(null);
    useEffect(() => {
      if (typeof value === 'number') void accountById(value).then(setCurrent);
    }, [value]);
    const options = [...(data?.data ?? [])];
    if (current && !options.some((a) => a.id === current.id)) options.unshift(current);

    return (
      <Field.Root name={name} id={name} error={error} hint={hint ?? t('scoped.hint')} required>
        <Field.Label action={labelAction}>{t('scoped.account')}</Field.Label>
        <Combobox
          ref={ref}
          disabled={disabled}
          loading={loading}
          // the server searches names and numbers; the combobox's own filter would keep only
          // labels that start with the typed text
          autocomplete="none"
          value={typeof value === 'number' ? String(value) : undefined}
          onInputChange={(e) => setQ(e.target.value)}
          onChange={(id) => onChange(name, id ? Number(id) : null)}
          noOptionsMessage={() => t('scoped.noMatch')}
          placeholder={t('scoped.choose')}
        >
          {options.map((account) => (
            <ComboboxOption key={account.id} value={String(account.id)}>
              {accountLabel(account)}
            </ComboboxOption>
          ))}
        </Combobox>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);

export default AccountInput;
