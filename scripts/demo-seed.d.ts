// Types of demo-seed.js, which `npm run demo` runs as plain JavaScript; the browser tests share its client.

export type Call = <T = { data: unknown }>(
  method: string,
  path: string,
  options?: { body?: unknown; token?: string }
) => Promise<T>;

export declare const ADMIN: {
  email: string;
  password: string;
  firstname: string;
  lastname: string;
};
export declare const LOGINS: { email: string; about: string }[];
export declare const PASSWORD: string;
export declare const client: (baseUrl: string) => Call;
export declare const seed: (baseUrl: string) => Promise<{ accounts: unknown[] }>;
