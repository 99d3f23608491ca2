import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { EMAIL_PLACEHOLDERS } from '../../../shared/contracts';
import { render, SAMPLE_VALUES, unknownPlaceholders } from '../services/email';
import { getService } from '../utils';
import { builtOnRead } from '../utils/built-on-read';
import { Errors } from '../utils/errors';
import { parse, schemas } from '../validation';
import { adminSchemas } from '../validation/admin';

const templateText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((source) => unknownPlaceholders(source).length === 0, {
      message: `only these placeholders exist: ${EMAIL_PLACEHOLDERS.join(', ')}`,
    });

/** The body of an email template update, by the settings route and its admin twin. */
export const templateSchemas = builtOnRead({
  body: () =>
    z.strictObject({
      subject: templateText(300).pipe(z.string().trim().min(1)),
      html: templateText(100_000),
      text: templateText(100_000),
    }),
});

/** Admin: the invitation email template. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async getEmailTemplate(ctx: Context) {
    parse(schemas.empty, ctx.query, 'query');
    const template = await getService('email').getTemplate();
    ctx.body = {
      data: {
        template,
        placeholders: EMAIL_PLACEHOLDERS,
        preview: render(template, SAMPLE_VALUES),
      },
    };
  },

  async updateEmailTemplate(ctx: Context) {
    const template = parse(templateSchemas.body, ctx.request.body, 'body');
    await getService('email').setTemplate(template);
    ctx.body = {
      data: {
        template,
        placeholders: EMAIL_PLACEHOLDERS,
        preview: render(template, SAMPLE_VALUES),
      },
    };
  },

  async sendTestEmail(ctx: Context) {
    const { to } = parse(adminSchemas.sendTestEmail, ctx.request.body, 'body');
    try {
      await getService('email').send(to, SAMPLE_VALUES);
    } catch (error) {
      // an unreachable or refusing mail server is a bad gateway, with what it said
      const provider = strapi.config.get<string>('plugin::email.provider', 'sendmail');
      const reason = error instanceof Error ? error.message : String(error);
      strapi.log.warn(`[multi-account] test email to ${to} failed (${provider}): ${reason}`);
      throw Errors.emailNotSent(provider, reason.slice(0, 500));
    }
    ctx.body = { data: { sent: true } };
  },
});
