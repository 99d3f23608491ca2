/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Strapi app's origin when it is not this page's (see the README's CORS notes). */
  readonly VITE_STRAPI_URL?: string;
}
