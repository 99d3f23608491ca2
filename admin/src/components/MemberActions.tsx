import { useState } from 'react';
import { Dialog, Flex, IconButton, Tooltip, Typography } from '@strapi/design-system';
import { Check, Crown, Information, Lock, PaperPlane, Pencil, Trash } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import {
  OPEN_INVITATION_STATUSES,
  type InvitationDelivery,
  type Member,
} from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useT } from '../hooks/useT';

type Props = {
  accountId: string;
  member: Member;
  /** Active owners of the account: the last one cannot go. */
  owners: number;
  onEdit: (member: Member) => void;
};

/** The actions on one row of the Contacts list. */
/** Each change reloads the account's loads by itself (`utils/resources`). */
export const MemberActions = ({ accountId, member, owners, onEdit }: Props) => {
  const t = useT();
  const { send, busy } = useAction();
  const { toggleNotification } = useNotification();
  const [confirming, setConfirming] = useState<'remove' | 'makeOwner' | null>(null);
  const path = `/accounts/${accountId}/members/${member.documentId}`;
  const who = member.user?.username ?? member.email;
  const isOwner = member.type === 'owner';
  const lastOwner = isOwner && member.status === 'active' && owners <= 1;

  const setStatus = async (status: 'active' | 'inactive') => {
    const message = t(status === 'active' ? 'member.reactivated' : 'member.suspended', { who });
    await send('put', path, { status }, message);
  };
  const resend = async () => {
    const result = await send<InvitationDelivery>('post', `${path}/resend`, {});
    if (!result.ok) return;
    toggleNotification(
      result.data.meta.email.sent
        ? { type: 'success', message: t('member.resent', { email: member.email }) }
        : { type: 'warning', message: t('invite.pending') }
    );
  };
  const remove = async () => {
    const message = t(
      OPEN_INVITATION_STATUSES.includes(member.status) ? 'member.revoked' : 'member.removed',
      { who }
    );
    await send('del', path, undefined, message);
    setConfirming(null);
  };
  const makeOwner = async () => {
    const message = t('member.madeOwner', { who, account: member.account.name });
    await send('post', `${path}/make-owner`, {}, message);
    setConfirming(null);
  };

  return (
    <Flex gap={1} justifyContent="flex-end" onClick={(e) => e.stopPropagation()}>
      {!isOwner && (
        <IconButton
          label={t('member.editPermissions', { who })}
          onClick={() => onEdit(member)}
          disabled={busy}
        >
          <Pencil />
        </IconButton>
      )}
      {!isOwner && member.status === 'active' && (
        <IconButton
          label={t('member.suspend', { who })}
          onClick={() => setStatus('inactive')}
          disabled={busy}
        >
          <Lock />
        </IconButton>
      )}
      {!isOwner && member.status === 'inactive' && (
        <IconButton
          label={t('member.reactivate', { who })}
          onClick={() => setStatus('active')}
          disabled={busy}
        >
          <Check />
        </IconButton>
      )}
      {!isOwner && member.status === 'active' && (
        <IconButton
          label={t('member.makeOwner', { who })}
          onClick={() => setConfirming('makeOwner')}
          disabled={busy}
        >
          <Crown />
        </IconButton>
      )}
      {OPEN_INVITATION_STATUSES.includes(member.status) && (
        <IconButton label={t('member.resend', { who })} onClick={resend} disabled={busy}>
          <PaperPlane />
        </IconButton>
      )}
      {lastOwner ? (
        <Tooltip label={t('member.lastOwner')}>
          <Flex gap={1} tabIndex={0} data-testid="last-owner">
            <Information aria-hidden />
            <Typography variant="pi" textColor="neutral600">
              {t('member.lastOwnerShort')}
            </Typography>
          </Flex>
        </Tooltip>
      ) : (
        <IconButton
          label={t('member.remove', { who })}
          onClick={() => setConfirming('remove')}
          disabled={busy}
        >
          <Trash />
        </IconButton>
      )}
      <Dialog.Root open={confirming !== null} onOpenChange={() => setConfirming(null)}>
        {confirming === 'remove' && (
          <ConfirmDialog onConfirm={remove} title={t('member.removeTitle')}>
            <Typography>
              {t('member.removeConfirm', { who, account: member.account.name })}
            </Typography>
          </ConfirmDialog>
        )}
        {confirming === 'makeOwner' && (
          <ConfirmDialog onConfirm={makeOwner} title={t('member.makeOwnerTitle')} variant="default">
            <Typography>
              {t('member.makeOwnerConfirm', { who, account: member.account.name })}
            </Typography>
          </ConfirmDialog>
        )}
      </Dialog.Root>
    </Flex>
  );
};
