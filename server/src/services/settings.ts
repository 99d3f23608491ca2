import type { Core } from '@strapi/strapi';
import type { AdminSettings, InvitationSettings } from '../../../shared/contracts';
import { getService, pluginConfig, PLUGIN_ID } from '../utils';

type Stored = Partial<InvitationSettings>;

const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });

const configTtlHours = () => pluginConfig<number>('invitationTtl') / 3600;

/**
 * What admins set in Settings → Multi-account, kept in Strapi's plugin store so every instance
 * reads the same values: the invitation lifetime and the labels of the permission keys. The keys
 * themselves always come from the config.
 */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async stored(): Promise<Stored> {
    return ((await store().get({})) as Stored | null) ?? {};
  },

  /** Seconds an invitation stays valid: the stored lifetime, else the config's `invitationTtl`. */
  async invitationTtlSeconds(): Promise<number> {
    const { invitationTtlHours } = await this.stored();
    return invitationTtlHours
      ? Math.round(invitationTtlHours * 3600)
      : pluginConfig<number>('invitationTtl');
  },

  /** Labels an admin gave to permission keys, for keys still in the catalogue. */
  async permissionLabels(): Promise<Record<string, string>> {
    const { permissionLabels = {} } = await this.stored();
    const keys = getService('permissions').keys();
    return Object.fromEntries(
      Object.entries(permissionLabels).filter(([key]) => keys.includes(key))
    );
  },

  async get(): Promise<AdminSettings> {
    const stored = await this.stored();
    const labels = await this.permissionLabels();
    return {
      invitationTtlHours: stored.invitationTtlHours ?? configTtlHours(),
      defaultInvitationTtlHours: configTtlHours(),
      permissionLabels: labels,
      catalogue: getService('permissions')
        .catalogue()
        .map((p) => ({ key: p.key, label: labels[p.key] ?? p.label, defaultLabel: p.label })),
    };
  },

  /** Keys must be in the catalogue (else 400); a label equal to the config's is not stored. */
  async update(input: InvitationSettings): Promise<AdminSettings> {
    const permissions = getService('permissions');
    permissions.normalize(Object.keys(input.permissionLabels), 'permissionLabels');
    const defaults = new Map(permissions.catalogue().map((p) => [p.key, p.label]));
    const permissionLabels = Object.fromEntries(
      Object.entries(input.permissionLabels).filter(([key, label]) => defaults.get(key) !== label)
    );
    await store().set({
      value: { invitationTtlHours: input.invitationTtlHours, permissionLabels },
    });
    return this.get();
  },
});
