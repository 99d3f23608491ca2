import type { Context } from 'koa';
import type { z } from 'zod';
import { accountActions } from '../controllers/account';
import { contactActions } from '../controllers/contact';
import { invitationActions } from '../controllers/invitation';
import type { Handler } from '../routes/content-api';
import type { InvitationDelivery, Paginated } from '../../../shared/contracts';
import { parse, schemas } from '../validation';

type Args = Record<string, unknown>;

/**
 * One GraphQL operation: the REST route it mirrors (whose policies it gets, so that the same
 * callers are let through), and what it does with its arguments, which it parses with that
 * route's schema before calling that route's action.
 */
export type Operation = {
  type: 'Query' | 'Mutation';
  route: Handler;
  resolve: (ctx: Context, args: Args) => Promise<unknown>;
};

/** An argument left out and one given as null are the same: not given. */
const given = (args: Args) =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null));

/** Where the page's fields are among a list query's arguments. */
const PAGINATION = { page: ['pagination', 'page'], pageSize: ['pagination', 'pageSize'] };

/**
 * `pagination: { page, pageSize }` as the REST query string gives them, for the route's schema,
 * which reads them as text: the same numbers are accepted and refused.
 */
const pageOf = (args: Args) => {
  const { pagination, ...rest } = given(args);
  const page = (pagination ?? {}) as Args;
  const asText = (value: unknown) =>
    value === null || value === undefined ? undefined : String(value);
  return { ...rest, page: asText(page.page), pageSize: asText(page.pageSize) };
};

/**
 * A list query: its page and filters parsed with its route's schema, the route's action called,
 * and the page answered as `{ nodes, pageInfo }`.
 */
const list = <S extends z.ZodType>(
  route: Handler,
  schema: S,
  action: (ctx: Context, input: z.infer<S>) => Promise<Paginated<unknown>>
): Operation => ({
  type: 'Query',
  route,
  resolve: async (ctx, args) => {
    const { data, meta } = await action(ctx, parse(schema, pageOf(args), 'arguments', PAGINATION));
    return { nodes: data, pageInfo: meta.pagination };
  },
});

const delivery = ({ data, meta }: InvitationDelivery) => ({
  member: data,
  invitation: meta.invitation,
  emailSent: meta.email.sent,
});

/** The REST route's `documentId`, which the operation takes as its argument `key`. */
const documentIdOf = (args: Args, key = 'documentId') =>
  parse(schemas.params, { documentId: args[key] }, 'arguments', { documentId: [key] }).documentId;

/** The emailed link's token, as the REST route takes it: the per-address limit comes first. */
const answerByToken = async (ctx: Context, args: Args, answer: 'accept' | 'reject') => {
  await invitationActions.limitByToken(ctx);
  const { token } = parse(schemas.invitationToken, given(args), 'arguments');
  return (await invitationActions.answerByToken(ctx, token, answer)).data;
};

export const operations: Record<string, Operation> = {
  multiAccountMe: {
    type: 'Query',
    route: 'account.me',
    resolve: async (ctx) => (await accountActions.me(ctx)).data,
  },
  multiAccountMyAccounts: list('account.accounts', schemas.listPage, accountActions.accounts),
  multiAccountContacts: list('contact.find', schemas.listContacts, contactActions.list),
  multiAccountMyInvitations: list('invitation.mine', schemas.listPage, invitationActions.mine),
  multiAccountSwitch: {
    type: 'Mutation',
    route: 'account.switch',
    resolve: (ctx, args) =>
      accountActions.switch(ctx, parse(schemas.switchAccount, given(args), 'arguments').account),
  },
  multiAccountLeave: {
    type: 'Mutation',
    route: 'account.leave',
    resolve: async (ctx, args) => {
      await accountActions.leave(ctx, documentIdOf(args, 'account'));
      return true;
    },
  },
  multiAccountInvite: {
    type: 'Mutation',
    route: 'invitation.create',
    resolve: async (ctx, args) =>
      delivery(
        await invitationActions.create(ctx, parse(schemas.invite, given(args), 'arguments'))
      ),
  },
  multiAccountCreateContact: {
    type: 'Mutation',
    route: 'contact.create',
    resolve: async (ctx, args) =>
      (await contactActions.create(ctx, parse(schemas.createContact, given(args), 'arguments')))
        .data,
  },
  multiAccountUpdateContact: {
    type: 'Mutation',
    route: 'contact.update',
    resolve: async (ctx, args) => {
      const { documentId, ...change } = given(args);
      const documentIdChecked = documentIdOf({ documentId });
      const input = parse(schemas.updateContact, change, 'arguments');
      return (await contactActions.update(ctx, documentIdChecked, input)).data;
    },
  },
  multiAccountRemoveContact: {
    type: 'Mutation',
    route: 'contact.delete',
    resolve: async (ctx, args) => {
      await contactActions.remove(ctx, documentIdOf(args));
      return true;
    },
  },
  multiAccountResendInvitation: {
    type: 'Mutation',
    route: 'contact.resend',
    resolve: async (ctx, args) => delivery(await contactActions.resend(ctx, documentIdOf(args))),
  },
  multiAccountAcceptInvitation: {
    type: 'Mutation',
    route: 'invitation.accept',
    resolve: async (ctx, args) =>
      (await invitationActions.answerMine(ctx, documentIdOf(args), 'accept')).data,
  },
  multiAccountRejectInvitation: {
    type: 'Mutation',
    route: 'invitation.reject',
    resolve: async (ctx, args) =>
      (await invitationActions.answerMine(ctx, documentIdOf(args), 'reject')).data,
  },
  multiAccountAcceptInvitationByToken: {
    type: 'Mutation',
    route: 'invitation.acceptByToken',
    resolve: (ctx, args) => answerByToken(ctx, args, 'accept'),
  },
  multiAccountRejectInvitationByToken: {
    type: 'Mutation',
    route: 'invitation.rejectByToken',
    resolve: (ctx, args) => answerByToken(ctx, args, 'reject'),
  },
};
