import { Flex, Typography } from '@strapi/design-system';
import {
  unstable_useContentManagerContext as useContentManagerContext,
  useQueryParams,
  useRBAC,
} from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { isScopedBy } from '../utils/scoped';
import { AccountCombobox } from './AccountCombobox';

type PluginParams = Record<string, Record<string, unknown> | undefined>;
type ViewQuery = { plugins?: PluginParams };

const accountIn = (query: ViewQuery) => {
  const value = Number(query.plugins?.[PLUGIN_ID]?.account);
  return Number.isInteger(value) && value > 0 ? value : null;
};

/**
 * The Content Manager's edit-view side panel of a scoped single type, which holds one document
 * per account while Strapi's view edits one: the account whose document the view shows, kept in
 * the URL as `plugins[multi-account][account]` (which the Content Manager passes to its API as
 * `account`, as i18n's locale), and a picker to show another account's.
 */
export const SingleTypeAccountPanel = ({ collectionType }: { collectionType: string }) => {
  const t = useT();
  const { contentType } = useContentManagerContext();
  const [{ query }, setQuery] = useQueryParams<ViewQuery>();
  const { allowedActions } = useRBAC(PERMISSIONS.read);
  if (
    collectionType !== 'single-types' ||
    !isScopedBy(contentType?.pluginOptions) ||
    !allowedActions.canRead
  )
    return null;

  const account = accountIn(query);
  const type = contentType?.info.displayName ?? '';
  const show = (id: number | null) => {
    const others = Object.entries(query.plugins ?? {}).filter(([name]) => name !== PLUGIN_ID);
    const ours = id === null ? [] : [[PLUGIN_ID, { account: id }]];
    setQuery({ plugins: Object.fromEntries([...others, ...ours]) });
  };

  return {
    title: t('singleType.title'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Typography variant="pi" textColor="neutral600">
          {account === null
            ? t('singleType.noAccount', { type })
            : t('singleType.account', { type })}
        </Typography>
        <AccountCombobox aria-label={t('singleType.pick')} value={account} onChange={show} />
      </Flex>
    ),
  };
};
