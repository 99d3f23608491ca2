import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const README = path.resolve(__dirname, '../../README.md');

/** Replaces exactly one occurrence of `from` in a generated file, or says the file changed shape. */
const replaceOnce = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (text.split(from).length !== 2)
    throw new Error(
      `${file} is not as create-strapi-app 5.54 writes it: no single ${from}\n${text}`
    );
  writeFileSync(file, text.replace(from, to));
};

/** The README's code blocks, as written there. */
const readmeBlocks = () =>
  [...readFileSync(README, 'utf8').matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => m[2]);

/** The one README block that contains `marker`. */
const readmeBlock = (marker: string) => {
  const found = readmeBlocks().filter((block) => block.includes(marker));
  if (found.length !== 1) throw new Error(`README: ${found.length} code blocks contain ${marker}`);
  return found[0];
};

/** The README's blocks that are whole files: their first line names the file (`// src/...`). */
const readmeFiles = (folder: string) =>
  readmeBlocks()
    .map((block) => ({ file: block.match(/^\/\/ (\S+\.ts)\n/)?.[1], block }))
    .filter((entry): entry is { file: string; block: string } =>
      Boolean(entry.file?.startsWith(folder))
    );

/**
 * A TypeScript file of the app's own that uses the typed client, so that the app's type-check
 * proves its types resolve under the app's tsconfig.
 */
export const TYPED_CLIENT_FILE = 'front-end/account-switcher.ts';
const TYPED_CLIENT = `import {
  createClient,
  MultiAccountError,
  type InvitationDelivery,
  type MyAccount,
} from 'strapi-plugin-multi-account/client';

const client = createClient({ baseUrl: 'http://localhost:1337' });

export const accountNames = async (): Promise<string[]> => {
  const page = await client.myAccounts({ pageSize: 100 });
  return page.data.map((account: MyAccount) => \`\${account.number} \${account.name}\`);
};

export const wasSent = (answer: InvitationDelivery): boolean => answer.meta.email.sent;

export const isForbidden = (error: unknown): boolean =>
  error instanceof MultiAccountError && error.status === 403;
`;

/**
 * Edits a freshly scaffolded app as a user following the README does, word for word: the
 * README's plugin and email entries go into the generated config/plugins.ts (beside
 * users-permissions and upload), its CORS entry replaces Strapi's, its host route and controller
 * files are written where they say; .env gets the invitation link, the SMTP host and the front
 * end's origin. A file of the app's own uses the typed client.
 */
export const configureApp = (appDir: string) => {
  const plugins = readmeBlock(`'multi-account': {`);
  const entries = plugins.slice(
    plugins.indexOf(`  'multi-account': {`),
    plugins.lastIndexOf('});')
  );
  replaceOnce(
    path.join(appDir, 'config', 'plugins.ts'),
    '\n});\n\nexport default config;',
    `\n${entries}});\n\nexport default config;`
  );
  replaceOnce(
    path.join(appDir, 'config', 'middlewares.ts'),
    `'strapi::cors',`,
    readmeBlock(`name: 'strapi::cors'`).trim()
  );

  const files = readmeFiles('src/api/');
  if (files.length < 2) throw new Error('README: no host route and controller to follow');
  for (const { file, block } of files) {
    mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
    writeFileSync(path.join(appDir, file), block);
  }
  mkdirSync(path.dirname(path.join(appDir, TYPED_CLIENT_FILE)), { recursive: true });
  writeFileSync(path.join(appDir, TYPED_CLIENT_FILE), TYPED_CLIENT);

  appendFileSync(
    path.join(appDir, '.env'),
    [
      '',
      '# Invitations',
      'INVITATION_URL=http://localhost:3000/invitations/accept',
      'SMTP_HOST=127.0.0.1',
      'CORS_ORIGINS=https://app.example.com',
      '',
    ].join('\n')
  );
};
