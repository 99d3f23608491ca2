import { useState } from 'react';
import { Button, Dialog, Field, Flex, IconButton, Link, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { ConfirmDialog } from '@strapi/strapi/admin';
import type { Impersonation, Member } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useFormatDate, useT } from '../hooks/useT';

/**
 * "Impersonate" on a member's row, for admins holding the `impersonate` action: after a
 * confirmation, a short-lived token acting as the member for this account, shown once with
 * where to use it, and a way to end it at once.
 */
export const ImpersonateButton = ({ member }: { member: Member }) => {
  const t = useT();
  const formatDate = useFormatDate(true);
  const { send, busy } = useAction();
  const [step, setStep] = useState<'confirm' | Impersonation | null>(null);
  const who = member.user?.username ?? member.email;
  const values = { who, account: member.account.name };

  const start = async () => {
    const result = await send<{ data: Impersonation }>('post', '/impersonations', {
      user: member.user?.documentId,
      account: member.account.documentId,
    });
    setStep(result.ok ? result.data.data : null);
  };
  const end = async (impersonation: Impersonation) => {
    const ended = await send(
      'del',
      `/impersonations/${impersonation.documentId}`,
      undefined,
      t('impersonation.ended', values)
    );
    if (ended.ok) setStep(null);
  };

  return (
    <>
      <IconButton
        label={t('impersonation.start', values)}
        onClick={() => setStep('confirm')}
        disabled={busy}
      >
        <Eye />
      </IconButton>
      <Dialog.Root open={step !== null} onOpenChange={(open) => !open && setStep(null)}>
        {step === 'confirm' && (
          <ConfirmDialog onConfirm={start} title={t('impersonation.title')} variant="default">
            <Typography>{t('impersonation.confirm', values)}</Typography>
          </ConfirmDialog>
        )}
        {step !== null && step !== 'confirm' && (
          <Dialog.Content>
            <Dialog.Header>{t('impersonation.title')}</Dialog.Header>
            <Dialog.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography>
                  {t('impersonation.started', { ...values, until: formatDate(step.expiresAt) })}
                </Typography>
                <Field.Root name="impersonation-token" hint={t('impersonation.tokenHint')}>
                  <Field.Label>{t('impersonation.token')}</Field.Label>
                  <Field.Input value={step.jwt} readOnly onFocus={(e) => e.target.select()} />
                  <Field.Hint />
                </Field.Root>
                {step.openUrl && (
                  <Link href={step.openUrl} isExternal>
                    {t('impersonation.open')}
                  </Link>
                )}
              </Flex>
            </Dialog.Body>
            <Dialog.Footer>
              <Button variant="danger-light" onClick={() => end(step)} disabled={busy}>
                {t('impersonation.end')}
              </Button>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('action.close')}</Button>
              </Dialog.Cancel>
            </Dialog.Footer>
          </Dialog.Content>
        )}
      </Dialog.Root>
    </>
  );
};
