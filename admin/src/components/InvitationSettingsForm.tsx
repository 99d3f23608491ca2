import { useEffect, useState } from 'react';
import {
  Button,
  Field,
  Flex,
  Loader,
  NumberInput,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import type { AdminSettings } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';

/** The invitation lifetime and the labels of the permission keys (the keys come from the config). */
export const InvitationSettingsForm = () => {
  const t = useT();
  const { data, loading } = useLoad<{ data: AdminSettings }>('/settings');
  const { send, busy } = useAction();
  const [settings, setSettings] = useState<AdminSettings | null>(null);
  const [ttl, setTtl] = useState<number | undefined>(undefined);
  const [labels, setLabels] = useState<Record<string, string>>({});

  const load = (value: AdminSettings) => {
    setSettings(value);
    setTtl(value.invitationTtlHours);
    setLabels(Object.fromEntries(value.catalogue.map((p) => [p.key, p.label])));
  };
  useEffect(() => {
    if (data) load(data.data);
  }, [data]);

  if (loading || !settings) return <Loader>{t('state.loading')}</Loader>;
  const validTtl = ttl !== undefined && Number.isInteger(ttl) && ttl >= 1 && ttl <= 8760;

  const save = async () => {
    const permissionLabels = Object.fromEntries(
      settings.catalogue.map((p) => [p.key, labels[p.key]?.trim() || p.defaultLabel])
    );
    const result = await send<{ data: AdminSettings }>(
      'put',
      '/settings',
      { invitationTtlHours: ttl, permissionLabels },
      t('settings.saved')
    );
    if (result.ok) load(result.data.data);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Field.Root
        name="invitationTtlHours"
        hint={t('settings.ttlHint', { hours: settings.defaultInvitationTtlHours })}
        error={validTtl ? undefined : t('settings.ttlError')}
      >
        <Field.Label>{t('settings.ttl')}</Field.Label>
        <NumberInput value={ttl} onValueChange={setTtl} step={1} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="delta" tag="h3">
          {t('settings.catalogue')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('settings.catalogueHint')}
        </Typography>
        <Table colCount={2} rowCount={settings.catalogue.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('column.key')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('column.label')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {settings.catalogue.map((permission) => (
              <Tr key={permission.key}>
                <Td>
                  <Typography tag="code">{permission.key}</Typography>
                </Td>
                <Td>
                  <Field.Root name={`label-${permission.key}`}>
                    <Field.Input
                      aria-label={t('settings.labelOf', { key: permission.key })}
                      value={labels[permission.key] ?? ''}
                      placeholder={permission.defaultLabel}
                      onChange={(e) => setLabels({ ...labels, [permission.key]: e.target.value })}
                    />
                  </Field.Root>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Flex>
      <Flex>
        <Button startIcon={<Check />} onClick={save} loading={busy} disabled={!validTtl}>
          {t('action.save')}
        </Button>
      </Flex>
    </Flex>
  );
};
