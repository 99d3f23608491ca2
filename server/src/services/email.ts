import type { Core } from '@strapi/strapi';
import {
  EMAIL_PLACEHOLDERS,
  type EmailPlaceholder,
  type EmailTemplate,
} from '../../../shared/contracts';
import { pluginConfig, PLUGIN_ID } from '../utils';

export const DEFAULT_TEMPLATE: EmailTemplate = {
  subject: 'You are invited to act for {{ account_name }}',
  html: [
    '<p>Hello,</p>',
    '<p>{{ inviter_name }} invites you to act for the account <strong>{{ account_name }}</strong> (no. {{ account_number }}).</p>',
    '<p><a href="{{ accept_url }}">Accept the invitation</a></p>',
    '<p>This link is for {{ invitee_email }} and expires on {{ expires_at }}.</p>',
  ].join('\n'),
  text: [
    'Hello,',
    '',
    '{{ inviter_name }} invites you to act for the account {{ account_name }} (no. {{ account_number }}).',
    '',
    'Accept the invitation: {{ accept_url }}',
    '',
    'This link is for {{ invitee_email }} and expires on {{ expires_at }}.',
  ].join('\n'),
};

export const SAMPLE_VALUES: Record<EmailPlaceholder, string> = {
  account_name: 'Acme Corp',
  account_number: '12345678',
  inviter_name: 'Jane Owner',
  invitee_email: 'guest@example.com',
  accept_url: 'https://example.com/invitations/accept?token=sample',
  expires_at: '2030-01-01 12:00 UTC',
};

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The placeholder of the fixed list that a template names, if it is one. */
const placeholderNamed = (name: string) =>
  EMAIL_PLACEHOLDERS.find((placeholder) => placeholder === name);

/** Placeholders a template uses that are not in the fixed list. */
export const unknownPlaceholders = (source: string) =>
  [...source.matchAll(PLACEHOLDER)]
    .map((match) => match[1])
    .filter((name) => placeholderNamed(name) === undefined);

/**
 * Fills `{{ name }}` from a fixed list of values and nothing else: no expressions, no code,
 * so an admin-edited template cannot run anything (the users-permissions templates could).
 */
export const render = (template: EmailTemplate, values: Record<EmailPlaceholder, string>) => {
  const fill = (source: string, escape: (value: string) => string) =>
    source.replace(PLACEHOLDER, (_whole, name: string) => {
      const known = placeholderNamed(name);
      return known !== undefined && known in values ? escape(values[known]) : '';
    });
  return {
    subject: fill(template.subject, (v) => v.replace(/[\r\n]+/g, ' ')),
    html: fill(template.html, escapeHtml),
    text: fill(template.text, (v) => v),
  };
};

const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'email-template' });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async getTemplate(): Promise<EmailTemplate> {
    const saved = (await store().get({})) as Partial<EmailTemplate> | null;
    return { ...DEFAULT_TEMPLATE, ...(saved ?? {}) };
  },

  async setTemplate(template: EmailTemplate) {
    await store().set({ value: template });
    return template;
  },

  /** Sends one message through Strapi's email plugin; the caller decides what a failure means. */
  async send(to: string, values: Record<EmailPlaceholder, string>) {
    const message = render(await this.getTemplate(), values);
    const from = pluginConfig<string | undefined>('emailFrom');
    await strapi
      .plugin('email')
      .service('email')
      .send({ to, ...(from ? { from } : {}), ...message });
  },
});
