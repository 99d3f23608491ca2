/**
 * What the admin's RTK Query cache tags do for its own pages: each load of an account or a user
 * is tagged with the resource its path names (`/accounts/:documentId`, `/users/:documentId`,
 * or the lists `/accounts` and `/users`), and a change made to a path of that resource reloads
 * every load tagged with it, wherever it is on the page. No page counts versions to reload its
 * parts. (The settings forms keep what is being edited: they are not reloaded.)
 */
type Reload = () => void;

const loads = new Map<string, Set<Reload>>();

const RELOADED = ['accounts', 'users'];

/** `/accounts/abc/members/xyz` → `/accounts/abc`; null for what is not reloaded. */
export const resourceOf = (path: string) => {
  const segments = path.split('?')[0].split('/');
  return RELOADED.includes(segments[1]) ? segments.slice(0, 3).join('/') : null;
};

/** Reloads `reload` whenever its path's resource changes; answers the unsubscription. */
export const watchResource = (path: string, reload: Reload) => {
  const resource = resourceOf(path);
  if (resource === null) return undefined;
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
  const resource = resourceOf(path);
  for (const reload of (resource && loads.get(resource)) || []) reload();
};
