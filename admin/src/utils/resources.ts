/**
 * What the admin's RTK Query cache tags do for its own pages: each load is tagged with the
 * resource its path names (`/accounts/:documentId`, `/users/:documentId`, `/settings`), and a
 * change made to a path of that resource reloads every load tagged with it, wherever it is on
 * the page. No page counts versions to reload its parts.
 */
type Reload = () => void;

const loads = new Map<string, Set<Reload>>();

/** `/accounts/abc/members/xyz` → `/accounts/abc`. */
export const resourceOf = (path: string) => path.split('?')[0].split('/').slice(0, 3).join('/');

/** Reloads `reload` whenever its path's resource changes; answers the unsubscription. */
export const watchResource = (path: string, reload: Reload) => {
  const resource = resourceOf(path);
  const watching = loads.get(resource) ?? new Set<Reload>();
  watching.add(reload);
  loads.set(resource, watching);
  return () => {
    watching.delete(reload);
    if (watching.size === 0) loads.delete(resource);
  };
};

/** After a change to `path`: every load of its resource runs again. */
export const resourceChanged = (path: string) => {
  for (const reload of loads.get(resourceOf(path)) ?? []) reload();
};
