import { useState } from 'react';
import { Typography } from '@strapi/design-system';
import type { Member, PermissionDefinition } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useT } from '../hooks/useT';
import { FormModal } from './FormModal';
import { PermissionCheckboxes } from './PermissionCheckboxes';

type Props = {
  accountId: string;
  member: Member;
  catalogue: PermissionDefinition[];
  onClose: () => void;
  onDone: (member: Member) => void;
};

/** Changes the permission keys a contact or guest holds on the account. */
export const EditPermissionsModal = ({ accountId, member, catalogue, onClose, onDone }: Props) => {
  const t = useT();
  const { send, busy } = useAction();
  const [permissions, setPermissions] = useState<string[]>(member.permissions);

  const submit = async () => {
    const result = await send<{ data: Member }>(
      'put',
      `/accounts/${accountId}/members/${member.documentId}`,
      { permissions },
      t('permissions.saved')
    );
    if (result.ok) onDone(result.data.data);
  };

  return (
    <FormModal
      title={t('permissions.title')}
      submitLabel={t('action.save')}
      busy={busy}
      onClose={onClose}
      onSubmit={submit}
    >
      <Typography>{t('permissions.for', { email: member.email })}</Typography>
      <PermissionCheckboxes catalogue={catalogue} value={permissions} onChange={setPermissions} />
    </FormModal>
  );
};
