import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

export type TranslationKey = keyof typeof en;

export const isTranslationKey = (key: string): key is TranslationKey => key in en;
type Values = Record<string, string | number>;

/** `t('accounts.title')`: the plugin's strings, with the English ones as defaults. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return (key: TranslationKey, values?: Values) =>
    formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values);
};

/** Dates as the admin's locale writes them; `withTime` for the audit history. */
export const useFormatDate = (withTime = false) => {
  const { formatDate } = useIntl();
  return (iso: string) =>
    formatDate(
      iso,
      withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }
    );
};
