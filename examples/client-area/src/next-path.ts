/**
 * Where to go after signing in: a page of this app only. The address is parsed as the browser
 * will follow it (backslashes, tabs and all), and anything on another origin goes home.
 */
export const nextPath = (params: URLSearchParams, origin: string) => {
  const next = params.get('next');
  if (!next) return '/';
  const url = new URL(next, origin);
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
};
