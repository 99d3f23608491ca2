import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import type { InvitationDelivery, Member, PermissionDefinition } from '../../../shared/contracts';
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Invites an email address as a guest with a set of permissions; the server sends the email. */
export const InviteGuestModal = ({ accountId, catalogue, onClose, onDone }: Props) => {
  const t = useT();
  const { send, busy } = useAction();
  const { toggleNotification } = useNotification();
  const [email, setEmail] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);

  const submit = async () => {
    const result = await send<InvitationDelivery>('post', `/accounts/${accountId}/invitations`, {
      email,
      permissions,
    });
    if (!result.ok) return;
    // when the mail server refused the email, the invitation stays open and can be resent
    toggleNotification(
      result.data.meta.email.sent
        ? { type: 'success', message: t('invite.sent') }
        : { type: 'warning', message: t('invite.pending') }
    );
    onDone(result.data.data);
  };

  return (
    <FormModal
      title={t('invite.title')}
      submitLabel={t('invite.submit')}
      busy={busy}
      canSubmit={EMAIL.test(email.trim())}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        name="email"
        type="email"
        label={t('field.email')}
        hint={t('invite.hint')}
        value={email}
        onChange={setEmail}
        required
      />
      <PermissionCheckboxes catalogue={catalogue} value={permissions} onChange={setPermissions} />
    </FormModal>
  );
};
