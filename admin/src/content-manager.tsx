import type { ComponentType } from 'react';
import { AccountCell } from './components/AccountCell';
import { AccountFilterInput } from './components/AccountFilter';
import { accountOptions } from './utils/accounts-by-id';
import { isScopedBy } from './utils/scoped';
import { PLUGIN_ID } from './pluginId';
import { ACCOUNT_ATTRIBUTE } from '../../shared/contracts';

/** A column of the Content Manager's list view, as its `inject-column-in-table` hook takes it. */
type Header = { name: string } & Record<string, unknown>;
type ListLayout = { options?: Record<string, unknown> };

export { ACCOUNT_ATTRIBUTE };

/** On a scoped type's list, a column with each document's account (number and name). */
export const addAccountColumn = ({
  displayedHeaders,
  layout,
}: {
  displayedHeaders: Header[];
  layout: ListLayout;
}) => {
  if (!isScopedBy(layout?.options)) return { displayedHeaders, layout };
  const others = displayedHeaders.filter((header) => header.name !== ACCOUNT_ATTRIBUTE);
  return {
    displayedHeaders: [
      ...others,
      {
        attribute: { type: 'integer' },
        label: { id: `${PLUGIN_ID}.scoped.column`, defaultMessage: 'Account' },
        searchable: false,
        sortable: false,
        name: ACCOUNT_ATTRIBUTE,
        cellFormatter: (row: Record<string, unknown>) => (
          <AccountCell id={row[ACCOUNT_ATTRIBUTE] as number | null} />
        ),
      },
    ],
    layout,
  };
};

/** A filter of the Content Manager's list view, as its `inject-in-filters` hook takes it. */
type Filter = { name: string } & Record<string, unknown>;

/** The comparisons that mean something for an account reference, in Strapi's own words. */
const ACCOUNT_OPERATORS = [
  { value: '$eq', defaultMessage: 'is' },
  { value: '$ne', defaultMessage: 'is not' },
  { value: '$null', defaultMessage: 'is null' },
  { value: '$notNull', defaultMessage: 'is not null' },
].map(({ value, defaultMessage }) => ({
  value,
  label: { id: `components.FilterOptions.FILTER_TYPES.${value}`, defaultMessage },
}));

/**
 * On a scoped type's list, the Filters menu's Account takes an account picked by name or number
 * (kept in the URL by its id), and its chip reads the account's number and name.
 */
export const addAccountFilter = ({
  displayedFilters,
  layout,
}: {
  displayedFilters: Filter[];
  layout: ListLayout;
}) => {
  if (!isScopedBy(layout?.options)) return { displayedFilters, layout };
  return {
    displayedFilters: displayedFilters.map((filter) =>
      filter.name === ACCOUNT_ATTRIBUTE
        ? {
            ...filter,
            input: AccountFilterInput,
            operators: ACCOUNT_OPERATORS,
            options: accountOptions,
          }
        : filter
    ),
    layout,
  };
};

/** The custom field behind a scoped type's account reference (the server registers its twin). */
export const accountField = {
  name: 'account',
  pluginId: PLUGIN_ID,
  type: 'integer' as const,
  intlLabel: { id: `${PLUGIN_ID}.scoped.account`, defaultMessage: 'Account' },
  intlDescription: {
    id: `${PLUGIN_ID}.scoped.accountDescription`,
    defaultMessage: 'The client account a scoped document belongs to',
  },
  components: {
    // Strapi types the input as taking no props; the Content Manager passes it InputProps
    Input: async () =>
      (await import('./components/AccountInput')) as unknown as { default: ComponentType },
  },
};

/**
 * The Content-Type Builder's checkbox for a content type's scoping, under Advanced settings, the
 * way i18n shows "Localization". The permission keys stay in schema.json, edited by hand.
 */
export const scopedSetting = {
  form: {
    advanced: () => [
      {
        name: `pluginOptions.${PLUGIN_ID}.scoped`,
        type: 'checkbox',
        intlLabel: { id: `${PLUGIN_ID}.scoped.setting`, defaultMessage: 'Account-scoped' },
        description: {
          id: `${PLUGIN_ID}.scoped.settingDescription`,
          defaultMessage:
            "Each document belongs to one client account; members see and write only their account's documents",
        },
      },
    ],
  },
};
