import { forwardRef, type ReactNode } from 'react';
import { Field } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';
import { AccountCombobox } from './AccountCombobox';

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
    return (
      <Field.Root name={name} id={name} error={error} hint={hint ?? t('scoped.hint')} required>
        <Field.Label action={labelAction}>{t('scoped.account')}</Field.Label>
        <AccountCombobox
          ref={ref}
          disabled={disabled}
          value={typeof value === 'number' ? value : null}
          onChange={(id) => onChange(name, id)}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);

export default AccountInput;
