import { useState } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import type { MemberUser, Paginated } from '../../../shared/contracts';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';

type Props = { label: string; value: string | null; onChange: (user: MemberUser | null) => void };

/** Picks a users-permissions user by username or email, searched on the server. */
export const UserPicker = ({ label, value, onChange }: Props) => {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, loading } = useLoad<Paginated<MemberUser>>('/users', { q, pageSize: 20 });
  const users = data?.data ?? [];
  return (
    <Field.Root name="owner" required>
      <Field.Label>{label}</Field.Label>
      <Combobox
        value={value ?? undefined}
        loading={loading}
        autocomplete={{ type: 'list', filter: 'contains' }}
        onInputChange={(e) => setQ(e.target.value)}
        onChange={(documentId) => onChange(users.find((u) => u.documentId === documentId) ?? null)}
        noOptionsMessage={() => t('users.noMatch')}
        placeholder={t('users.search')}
      >
        {users.map((user) => (
          <ComboboxOption key={user.documentId} value={user.documentId}>
            {`${user.username} <${user.email}>`}
          </ComboboxOption>
        ))}
      </Combobox>
    </Field.Root>
  );
};
