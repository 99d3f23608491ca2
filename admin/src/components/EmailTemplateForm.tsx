import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Loader,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Check, PaperPlane } from '@strapi/icons';
import { useAuth } from '@strapi/strapi/admin';
import type { EmailTemplate, EmailTemplateAnswer } from '../../../shared/contracts';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { EmailPreview } from './EmailPreview';
import { TextField } from './TextField';

const same = (a: EmailTemplate, b: EmailTemplate) =>
  a.subject === b.subject && a.html === b.html && a.text === b.text;

/** The invitation email: subject, HTML and text bodies, its placeholders, a live preview and a test send. */
export const EmailTemplateForm = () => {
  const t = useT();
  const adminEmail = useAuth('EmailTemplateForm', (auth) => auth.user?.email ?? '');
  const { data, loading } = useLoad<{ data: EmailTemplateAnswer }>('/settings/email-template');
  const { send, busy } = useAction();
  const [saved, setSaved] = useState<EmailTemplate | null>(null);
  const [draft, setDraft] = useState<EmailTemplate | null>(null);
  const [to, setTo] = useState('');

  useEffect(() => {
    if (!data) return;
    setSaved(data.data.template);
    setDraft(data.data.template);
  }, [data]);
  useEffect(() => setTo((current) => current || adminEmail), [adminEmail]);

  if (loading || !draft || !saved || !data) return <Loader>{t('state.loading')}</Loader>;
  const dirty = !same(draft, saved);
  const set = (field: keyof EmailTemplate) => (value: string) =>
    setDraft({ ...draft, [field]: value });

  const save = async () => {
    const result = await send<{ data: EmailTemplateAnswer }>(
      'put',
      '/settings/email-template',
      draft,
      t('template.saved')
    );
    if (result.ok) setSaved(result.data.data.template);
  };
  const sendTest = () =>
    send('post', '/settings/email-template/test', { to }, t('template.testSent', { to }));

  const textArea = (field: 'html' | 'text', label: string) => (
    <Field.Root name={field}>
      <Field.Label>{label}</Field.Label>
      <Textarea
        value={draft[field]}
        onChange={(e) => set(field)(e.target.value)}
        rows={8}
        style={{ fontFamily: 'monospace' }}
      />
    </Field.Root>
  );

  return (
    <Grid.Root gap={6}>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <TextField
            name="subject"
            label={t('template.subject')}
            value={draft.subject}
            onChange={set('subject')}
            required
          />
          {textArea('html', t('template.html'))}
          {textArea('text', t('template.text'))}
          <Box>
            <Typography variant="pi" textColor="neutral600">
              {t('template.placeholders')}
            </Typography>
            <Flex gap={2} wrap="wrap" paddingTop={1}>
              {data.data.placeholders.map((name) => (
                <Typography
                  key={name}
                  variant="pi"
                  tag="code"
                  textColor="primary700"
                >{`{{ ${name} }}`}</Typography>
              ))}
            </Flex>
          </Box>
          <Flex gap={2}>
            <Button startIcon={<Check />} onClick={save} loading={busy} disabled={!dirty}>
              {t('action.save')}
            </Button>
          </Flex>
          <Flex gap={2} alignItems="flex-end">
            <Box flex="1">
              <TextField
                name="test-to"
                type="email"
                label={t('template.testTo')}
                hint={dirty ? t('template.saveFirst') : undefined}
                value={to}
                onChange={setTo}
              />
            </Box>
            <Button
              variant="secondary"
              startIcon={<PaperPlane />}
              onClick={sendTest}
              disabled={dirty || busy || !to.includes('@')}
            >
              {t('template.sendTest')}
            </Button>
          </Flex>
        </Flex>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <EmailPreview template={draft} />
      </Grid.Item>
    </Grid.Root>
  );
};
