import { isFetchError } from '@strapi/strapi/admin';

/** The plugin's admin routes live under this prefix. */
export const API = '/multi-account';

/** The message of a Strapi error answer, else of the error itself. */
export const errorMessage = (error: unknown): string | null => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  if (error instanceof Error) return error.message;
  return null;
};

/** Query parameters without the empty ones, so the server's strict schemas see only what is set. */
export const cleanParams = (params: Record<string, string | number | undefined | null>) =>
  Object.fromEntries(
    Object.entries(params).filter(
      ([, value]) => value !== undefined && value !== null && value !== ''
    )
  );
