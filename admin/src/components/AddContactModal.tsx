import { useState } from 'react';
import type { Member, PermissionDefinition } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useT } from '../hooks/useT';
import { FormModal } from './FormModal';
import { PermissionCheckboxes } from './PermissionCheckboxes';
import { TextField } from './TextField';

type Props = {
  accountId: string;
  catalogue: PermissionDefinition[];
  onClose: () => void;
  onDone: (member: Member) => void;
};

/** Registers a new user as a contact (staff profile) of the account. */
export const AddContactModal = ({ accountId, catalogue, onClose, onDone }: Props) => {
  const t = useT();
  const { send, busy } = useAction();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const [permissions, setPermissions] = useState<string[]>([]);
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const passwordTooShort = form.password.length > 0 && form.password.length < 6;
  const complete =
    form.username.trim().length >= 3 && form.email.includes('@') && form.password.length >= 6;

  const submit = async () => {
    const result = await send<{ data: Member }>(
      'post',
      `/accounts/${accountId}/contacts`,
      { ...form, permissions },
      t('contact.added')
    );
    if (result.ok) onDone(result.data.data);
  };

  return (
    <FormModal
      title={t('contact.title')}
      submitLabel={t('contact.submit')}
      busy={busy}
      canSubmit={complete}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        name="username"
        label={t('field.username')}
        value={form.username}
        onChange={set('username')}
        required
      />
      <TextField
        name="email"
        type="email"
        label={t('field.email')}
        value={form.email}
        onChange={set('email')}
        required
      />
      <TextField
        name="password"
        type="password"
        label={t('field.password')}
        hint={t('contact.passwordHint')}
        error={passwordTooShort ? t('contact.passwordHint') : undefined}
        value={form.password}
        onChange={set('password')}
        required
      />
      <PermissionCheckboxes catalogue={catalogue} value={permissions} onChange={setPermissions} />
    </FormModal>
  );
};
