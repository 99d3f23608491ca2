import { Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { EmailTemplateForm } from '../components/EmailTemplateForm';
import { InvitationSettingsForm } from '../components/InvitationSettingsForm';
import { useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

/** Settings → Multi-account: the invitation email, the invitation lifetime, the permission labels. */
const SettingsPage = () => {
  const t = useT();
  return (
    <Page.Protect permissions={PERMISSIONS.settings}>
      <Page.Main>
        <Page.Title>{t('settings.title')}</Page.Title>
        <Layouts.Header title={t('settings.title')} subtitle={t('settings.subtitle')} />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Section title={t('template.title')}>
              <EmailTemplateForm />
            </Section>
            <Section title={t('settings.invitations')}>
              <InvitationSettingsForm />
            </Section>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
};

export default SettingsPage;
