import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Replaces exactly one occurrence of `from` in a generated file, or says the file changed shape. */
const replaceOnce = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (text.split(from).length !== 2)
    throw new Error(
      `${file} is not as create-strapi-app 5.54 writes it: no single ${from}\n${text}`
    );
  writeFileSync(file, text.replace(from, to));
};

// what the README asks for, plus the email provider invitations are sent through
const PLUGIN_ENTRIES = `
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 587),
        secure: false,
        ignoreTLS: true,
      },
      settings: {
        defaultFrom: 'no-reply@example.com',
        defaultReplyTo: 'no-reply@example.com',
      },
    },
  },
  'multi-account': {
    enabled: true,
    config: {
      invitationUrl: env('INVITATION_URL', 'https://app.example.com/invitations/accept'),
      permissions: [{ key: 'reports', label: 'Reports' }],
    },
  },
`;

// Strapi's default allowed headers (@strapi/core's cors middleware) and the plugin's X-Account
const CORS = `{
    name: 'strapi::cors',
    config: { headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'X-Account'] },
  },`;

const REPORT_ROUTES = `export default {
  routes: [
    {
      method: 'GET',
      path: '/report',
      handler: 'report.find',
      config: {
        policies: [
          { name: 'plugin::multi-account.has-permission', config: { permissions: ['billing'] } },
        ],
      },
    },
  ],
};
`;

const REPORT_CONTROLLER = `type Context = { state: { multiAccount?: { account: unknown } }; body: unknown };

export default {
  async find(ctx: Context) {
    ctx.body = { account: ctx.state.multiAccount?.account ?? null };
  },
};
`;

/**
 * Edits a freshly scaffolded app as a user following the README would: merges the plugin and
 * email entries into the generated config/plugins.ts (keeping users-permissions and upload),
 * allows X-Account through CORS besides Strapi's default headers, adds a host API whose route
 * is guarded by the plugin's policy, and sets the invitation link and SMTP host in .env.
 */
export const configureApp = (appDir: string) => {
  replaceOnce(
    path.join(appDir, 'config', 'plugins.ts'),
    '\n});\n\nexport default config;',
    `${PLUGIN_ENTRIES}});\n\nexport default config;`
  );
  replaceOnce(path.join(appDir, 'config', 'middlewares.ts'), `'strapi::cors',`, CORS);

  const api = path.join(appDir, 'src', 'api', 'report');
  mkdirSync(path.join(api, 'routes'), { recursive: true });
  mkdirSync(path.join(api, 'controllers'), { recursive: true });
  writeFileSync(path.join(api, 'routes', 'report.ts'), REPORT_ROUTES);
  writeFileSync(path.join(api, 'controllers', 'report.ts'), REPORT_CONTROLLER);

  appendFileSync(
    path.join(appDir, '.env'),
    '\n# Invitations\nINVITATION_URL=http://localhost:3000/invitations/accept\nSMTP_HOST=127.0.0.1\n'
  );
};
