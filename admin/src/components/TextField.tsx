import { Field } from '@strapi/design-system';

type Props = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  hint?: string;
  error?: string;
  required?: boolean;
};

/** A labelled text input. */
export const TextField = ({
  name,
  label,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  required,
}: Props) => (
  <Field.Root name={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    <Field.Input
      type={type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
