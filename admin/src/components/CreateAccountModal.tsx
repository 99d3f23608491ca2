import { useState } from 'react';
import type { AdminAccountDetail, MemberUser } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useT } from '../hooks/useT';
import { FormModal } from './FormModal';
import { TextField } from './TextField';
import { UserPicker } from './UserPicker';

type Props = { onClose: () => void; onDone: (account: AdminAccountDetail) => void };

/** Opens an account for an existing users-permissions user, who becomes its owner. */
export const CreateAccountModal = ({ onClose, onDone }: Props) => {
  const t = useT();
  const { send, busy } = useAction();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<MemberUser | null>(null);

  const submit = async () => {
    if (!owner) return;
    const result = await send<{ data: AdminAccountDetail }>(
      'post',
      '/accounts',
      { name: name.trim(), owner: owner.documentId },
      t('accounts.created', { name: name.trim() })
    );
    if (result.ok) onDone(result.data.data);
  };

  return (
    <FormModal
      title={t('accounts.createTitle')}
      submitLabel={t('accounts.create')}
      busy={busy}
      canSubmit={name.trim().length > 0 && owner !== null}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        name="name"
        label={t('field.accountName')}
        value={name}
        onChange={setName}
        required
      />
      <UserPicker label={t('field.owner')} value={owner?.documentId ?? null} onChange={setOwner} />
    </FormModal>
  );
};
