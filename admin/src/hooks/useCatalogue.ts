import type { PermissionDefinition } from '../../../shared/contracts';
import { useLoad } from './useLoad';

/** The permission keys of the config, with the labels set in Settings. */
export const useCatalogue = () => {
  const { data, loading } = useLoad<{ data: PermissionDefinition[] }>('/permissions');
  const catalogue = data?.data ?? [];
  const labelOf = (key: string) => catalogue.find((p) => p.key === key)?.label ?? key;
  return { catalogue, labelOf, loading };
};
