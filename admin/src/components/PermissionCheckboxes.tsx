import { Checkbox, Field, Flex, Grid } from '@strapi/design-system';
import type { PermissionDefinition } from '../../../shared/contracts';
import { useT } from '../hooks/useT';

type Props = {
  catalogue: PermissionDefinition[];
  value: string[];
  onChange: (keys: string[]) => void;
};

/** One checkbox per key of the catalogue; the answer keeps the catalogue's order. */
export const PermissionCheckboxes = ({ catalogue, value, onChange }: Props) => {
  const t = useT();
  const toggle = (key: string, checked: boolean) => {
    const next = checked ? [...value, key] : value.filter((k) => k !== key);
    onChange(catalogue.map((p) => p.key).filter((k) => next.includes(k)));
  };
  return (
    <Field.Root name="permissions">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Field.Label>{t('permissions.label')}</Field.Label>
        <Grid.Root gap={2}>
          {catalogue.map((permission) => (
            <Grid.Item key={permission.key} col={6} s={12}>
              <Checkbox
                name={`permission-${permission.key}`}
                checked={value.includes(permission.key)}
                onCheckedChange={(checked) => toggle(permission.key, checked === true)}
              >
                {permission.label}
              </Checkbox>
            </Grid.Item>
          ))}
        </Grid.Root>
      </Flex>
    </Field.Root>
  );
};
