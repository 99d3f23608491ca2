import { useEffect, useState } from 'react';
import { Typography } from '@strapi/design-system';
import type { AdminAccount } from '../../../shared/contracts';
import { useT } from '../hooks/useT';
import { accountById, accountLabel } from '../utils/accounts-by-id';

/** A scoped document's account in the Content Manager's list: number and name. */
export const AccountCell = ({ id }: { id: number | null | undefined }) => {
  const t = useT();
  const [account, setAccount] = useState<AdminAccount | null>(null);
  useEffect(() => {
    let current = true;
    if (typeof id === 'number') void accountById(id).then((found) => current && setAccount(found));
    return () => {
      current = false;
    };
  }, [id]);
  if (typeof id !== 'number') {
    return <Typography textColor="danger600">{t('scoped.noAccount')}</Typography>;
  }
  return (
    <Typography textColor="neutral800">{account ? accountLabel(account) : `#${id}`}</Typography>
  );
};
