import { useState } from 'react';

/** A form's text fields: their values, and the props that bind an input to one of them. */
export const useFields = <T extends Record<string, string>>(initial: T) => {
  const [values, setValues] = useState(initial);
  const field = (name: keyof T) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  return { values, field };
};
