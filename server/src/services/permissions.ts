import type { Core } from '@strapi/strapi';
import type { PermissionDefinition } from '../../../shared/contracts';
import { catalogueOf, type PluginConfig } from '../config';
import { Errors } from '../utils/errors';
import { errors } from '@strapi/utils';
import { getService, keysMissing, pluginConfig } from '../utils';
import type { Actor } from './audit';

/**
 * The catalogue built from each value the config has held: built once rather than on each
 * request that checks keys, and again should the config be given a new value.
 */
const catalogues = new WeakMap<object, readonly PermissionDefinition[]>();

/** The permission catalogue: the plugin's keys plus the host app's, declared once in config. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  catalogue(): readonly PermissionDefinition[] {
    const declared = pluginConfig<PluginConfig['permissions']>('permissions') ?? [];
    let catalogue = catalogues.get(declared);
    if (!catalogue) {
      catalogue = catalogueOf(declared);
      catalogues.set(declared, catalogue);
    }
    return catalogue;
  },

  /** The catalogue with the labels an admin set in Settings; the keys stay those of the config. */
  async labelled(): Promise<PermissionDefinition[]> {
    const labels = await getService('settings').permissionLabels();
    return this.catalogue().map((p) => ({ key: p.key, label: labels[p.key] ?? p.label }));
  },

  keys(): string[] {
    return this.catalogue().map((p) => p.key);
  },

  /** Rejects unknown keys with a 400 naming them; answers the keys deduplicated, in catalogue order. */
  normalize(keys: string[], path = 'permissions'): string[] {
    const known = this.keys();
    const unknown = keys.filter((key) => !known.includes(key));
    if (unknown.length > 0) {
      throw new errors.ValidationError(`Unknown permission: ${unknown.join(', ')}`, {
        errors: [
          {
            path: [path],
            message: `Unknown permission: ${unknown.join(', ')}`,
            name: 'ValidationError',
          },
        ],
      });
    }
    return known.filter((key) => keys.includes(key));
  },

  /** Owners hold every key; others hold their stored keys that are still in the catalogue. */
  effective(membership: { type: string; permissions: unknown }): string[] {
    const known = this.keys();
    if (membership.type === 'owner') return known;
    const held: unknown[] = Array.isArray(membership.permissions) ? membership.permissions : [];
    return known.filter((key) => held.includes(key));
  },

  assertHolds(held: string[], required: string[]) {
    const missing = keysMissing(required, held);
    if (missing.length > 0) throw Errors.missingPermissions(missing);
  },

  /**
   * No escalation: a member may only add or withdraw keys they hold themselves (owners and
   * admins hold all).
   */
  assertCanChange(actor: Actor, before: string[], after: string[]) {
    if (actor.type !== 'user' || actor.isOwner) return;
    const changed = [
      ...after.filter((key) => !before.includes(key)),
      ...before.filter((key) => !after.includes(key)),
    ];
    const beyond = keysMissing(changed, actor.permissions);
    if (beyond.length) throw Errors.grantBeyondOwn(beyond);
  },

  /**
   * No escalation through others: a member who is not an owner suspends, removes or re-invites
   * only members whose keys are all theirs too, so `contacts` never reaches past its holder's keys.
   */
  assertCanActOn(actor: Actor, target: { type: string; permissions: unknown }) {
    if (actor.type !== 'user' || actor.isOwner) return;
    const beyond = keysMissing(this.effective(target), actor.permissions);
    if (beyond.length) throw Errors.memberBeyondOwn(beyond);
  },
});
