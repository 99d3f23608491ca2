// Types of client-area.js, which `npm run demo` runs as plain JavaScript; the browser tests serve the client area with it.

export type ServedClientArea = { url: string; port: number; close: () => Promise<void> };

export declare const isStale: () => boolean;
export declare const build: () => Promise<void>;
export declare const serve: (options: {
  port?: number;
  host?: string;
  strapiUrl: string;
}) => Promise<ServedClientArea>;
