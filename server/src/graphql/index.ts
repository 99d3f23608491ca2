import type { Core } from '@strapi/strapi';
import { routePolicies } from '../routes/content-api';
import { ACCOUNT_ATTRIBUTE, isScoped } from '../scoped-content/options';
import { getService, PLUGIN_CONTENT_TYPES } from '../utils';
import { runAsFileChange } from '../utils/request-context';
import { withRestErrors, type Resolve, type ResolverMiddleware } from './errors';
import { operations } from './operations';
import { loginTypeDefs, typeDefs } from './type-defs';

type Extension = {
  shadowCRUD(uid: string): { disable(): void; field(name: string): { disable(): void } };
  use(configure: () => Record<string, unknown>): void;
};

/**
 * Authentication as the REST route's: a users-permissions user passes, an anonymous caller is a
 * 401, and what else authenticates (an API token) meets the `signed-in` policy. Done here rather
 * than by the GraphQL plugin's own check, which answers a bare 403 without a status.
 */
const authenticated =
  (strapi: Core.Strapi): ResolverMiddleware =>
  async (resolve, parent, args, context, info) => {
    await strapi.auth.verify(context.state.auth as Parameters<typeof strapi.auth.verify>[0], {});
    return resolve(parent, args, context, info);
  };

/**
 * users-permissions' `login` and `register`, and the mutations that answer a new login's token,
 * answer the accounts, as the REST routes do.
 */
const decoratesLogin =
  (registered: boolean): ResolverMiddleware =>
  async (resolve, parent, args, context, info) =>
    getService('login').decorateAnswer(await resolve(parent, args, context, info), { registered });

/** The upload plugin's mutations that rename or delete a file, which reach the account's own only. */
const changingFiles =
  (strapi: Core.Strapi): ResolverMiddleware =>
  (resolve, parent, args, context, info) =>
    runAsFileChange(strapi, async () => resolve(parent, args, context, info));

/**
 * The plugin's GraphQL, when the GraphQL plugin is installed: its content types stay out of the
 * schema, its operations (./operations) go in, each behind the policies of the REST route it
 * mirrors, and users-permissions' login and register answers gain the user's accounts.
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  const extension = strapi.plugin('graphql').service('extension') as Extension;
  for (const uid of PLUGIN_CONTENT_TYPES) {
    extension.shadowCRUD(uid).disable();
  }
  // a scoped document's account is the plugin's to set: not an input, a filter or an output
  for (const type of Object.values(strapi.contentTypes)) {
    if (isScoped(type)) extension.shadowCRUD(type.uid).field(ACCOUNT_ATTRIBUTE).disable();
  }
  const errors = withRestErrors(strapi);
  const resolvers: Record<'Query' | 'Mutation', Record<string, Resolve>> = {
    Query: {},
    Mutation: {},
  };
  const resolversConfig: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    resolvers[operation.type][name] =
      operation.type === 'Query'
        ? (_parent, args, context) => operation.resolve(context.koaContext, args)
        : // a mutation may change who the caller acts for (a leave, a switch): the fields after
          // it, in the same operation, read the account again
          async (_parent, args, context) => {
            const answer = await operation.resolve(context.koaContext, args);
            getService('acting-account', strapi).forget(context.koaContext);
            return answer;
          };
    resolversConfig[`${operation.type}.${name}`] = {
      // checked by the first middleware instead, whose refusal carries its status
      auth: false,
      middlewares: [errors, authenticated(strapi)],
      policies: routePolicies(operation.route),
    };
  }
  if (strapi.plugin('upload')) {
    for (const name of ['Mutation.updateUploadFile', 'Mutation.deleteUploadFile']) {
      resolversConfig[name] = { middlewares: [changingFiles(strapi)] };
    }
  }
  // users-permissions adds its login types along with its shadow CRUD
  const withLogin: boolean = strapi.plugin('graphql').config('shadowCRUD', true);
  extension.use(() => ({
    typeDefs: withLogin ? typeDefs + loginTypeDefs : typeDefs,
    resolvers,
    resolversConfig: withLogin
      ? {
          ...resolversConfig,
          'Mutation.login': { middlewares: [decoratesLogin(false)] },
          'Mutation.register': { middlewares: [decoratesLogin(true)] },
          // they answer a new login's token as well
          'Mutation.changePassword': { middlewares: [decoratesLogin(false)] },
          'Mutation.resetPassword': { middlewares: [decoratesLogin(false)] },
          'Mutation.emailConfirmation': { middlewares: [decoratesLogin(false)] },
        }
      : resolversConfig,
  }));
};
