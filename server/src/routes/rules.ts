/**
 * Who may call each of the plugin's content-API operations, as route policies: the REST route
 * table and the GraphQL operations both take them from here, so a rule holds on both.
 */
export type PolicyRule = string | { name: string; config: Record<string, unknown> };

/** What only the user may do, never with an admin's impersonation token. */
export const userOnly: PolicyRule[] = ['plugin::multi-account.not-impersonated'];

/** The active account's membership must hold every key (owners hold all). */
export const needs = (...permissions: string[]): PolicyRule[] => [
  { name: 'plugin::multi-account.has-permission', config: { permissions } },
];

/** Every operation acts for a signed-in user whose login session is live, then `rules`. */
export const policiesOf = (rules: PolicyRule[]): PolicyRule[] => [
  'plugin::multi-account.signed-in',
  ...rules,
];
