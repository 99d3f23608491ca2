import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { render, SAMPLE_VALUES } from '../services/email';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas } from '../validation/admin';
import { templateSchemas } from './settings';

/** Admin: invitation lifetime and permission labels; the permission catalogue. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: Context) {
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = { data: await getService('settings').get() };
  },

  async update(ctx: Context) {
    const input = parse(schemas.settings, ctx.request.body, 'body');
    ctx.body = { data: await getService('settings').update(input) };
  },

  /** Renders a template being edited with the sample values, without saving it. */
  async previewEmailTemplate(ctx: Context) {
    const template = parse(templateSchemas.body, ctx.request.body, 'body');
    ctx.body = { data: render(template, SAMPLE_VALUES) };
  },

  async permissions(ctx: Context) {
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = { data: await getService('permissions').labelled() };
  },
});
