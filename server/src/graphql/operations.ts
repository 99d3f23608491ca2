import type { Context } from 'koa';
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

const connection = <T>({ data, meta }: Paginated<T>) => ({
  nodes: data,
  pageInfo: meta.pagination,
});

const delivery = ({ data, meta }: InvitationDelivery) => ({
  member: data,
  invitation: meta.invitation,
  emailSent: meta.email.sent,
});

const documentIdOf = (args: Args, key = 'documentId') =>
  parse(schemas.params, { documentId: args[key] }, 'arguments').documentId;

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
  multiAccountMyAccounts: {
    type: 'Query',
    route: 'account.accounts',
    resolve: async (ctx, args) =>
      connection(
        await accountActions.accounts(ctx, parse(schemas.listPage, pageOf(args), 'arguments'))
      ),
  },
  multiAccountContacts: {
    type: 'Query',
    route: 'contact.find',
    resolve: async (ctx, args) =>
      connection(
        await contactActions.list(ctx, parse(schemas.listContacts, pageOf(args), 'arguments'))
      ),
  },
  multiAccountMyInvitations: {
    type: 'Query',
    route: 'invitation.mine',
    resolve: async (ctx, args) =>
      connection(
        await invitationActions.mine(ctx, parse(schemas.listPage, pageOf(args), 'arguments'))
      ),
  },
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
