import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { Check, Lock, Trash } from '@strapi/icons';
import { ConfirmDialog } from '@strapi/strapi/admin';
import type { AdminAccountDetail } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useT } from '../hooks/useT';
import { PLUGIN_ID } from '../pluginId';

type Confirming = 'suspend' | 'close' | null;

/** What an admin does to a whole account: suspend or reactivate it, or close it. */
export const AccountActions = ({ account }: { account: AdminAccountDetail }) => {
  const t = useT();
  const navigate = useNavigate();
  const { send, busy } = useAction();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const path = `/accounts/${account.documentId}`;
  const values = { account: account.name };

  const setStatus = async (status: 'active' | 'suspended') => {
    const message = t(status === 'active' ? 'account.reactivated' : 'account.suspended', values);
    setConfirming(null);
    await send('put', path, { status }, message);
  };
  const close = async () => {
    setConfirming(null);
    if ((await send('del', path, undefined, t('account.closed', values))).ok) {
      navigate(`/plugins/${PLUGIN_ID}`);
    }
  };

  return (
    <Flex gap={2}>
      {account.status === 'active' ? (
        <Button
          variant="tertiary"
          startIcon={<Lock />}
          onClick={() => setConfirming('suspend')}
          disabled={busy}
        >
          {t('account.suspend')}
        </Button>
      ) : (
        <Button
          variant="tertiary"
          startIcon={<Check />}
          onClick={() => setStatus('active')}
          disabled={busy}
        >
          {t('account.reactivate')}
        </Button>
      )}
      <Button
        variant="danger-light"
        startIcon={<Trash />}
        onClick={() => setConfirming('close')}
        disabled={busy}
      >
        {t('account.close')}
      </Button>
      <Dialog.Root open={confirming !== null} onOpenChange={() => setConfirming(null)}>
        {confirming === 'suspend' && (
          <ConfirmDialog
            onConfirm={() => setStatus('suspended')}
            title={t('account.suspendTitle')}
            variant="default"
          >
            <Typography>{t('account.suspendConfirm', values)}</Typography>
          </ConfirmDialog>
        )}
        {confirming === 'close' && (
          <ConfirmDialog onConfirm={close} title={t('account.closeTitle')}>
            <Typography>{t('account.closeConfirm', values)}</Typography>
          </ConfirmDialog>
        )}
      </Dialog.Root>
    </Flex>
  );
};
