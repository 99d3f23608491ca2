import { z } from 'zod';
import { errors } from '@strapi/utils';
import { MEMBERSHIP_STATUSES, MEMBERSHIP_TYPES } from '../../../shared/contracts';
import { builtOnRead } from '../utils/built-on-read';

/**
 * Parses input with a schema, or answers 400 with each offending field in `details.errors`,
 * in the shape Strapi's own validators use. `namedAs` gives the path by which the caller wrote a
 * field the schema names otherwise (a GraphQL argument for a REST route's field).
 */
export const parse = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'input',
  namedAs: Record<string, string[]> = {}
): z.infer<S> => {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const [field, ...within] = issue.path.map(String);
    const path = field === undefined ? [] : [...(namedAs[field] ?? [field]), ...within];
    return { path, message: issue.message, name: 'ValidationError' };
  });
  const message =
    issues.length === 1 && issues[0].path.length
      ? `${issues[0].path.join('.')}: ${issues[0].message}`
      : `Invalid ${what}`;
  throw new errors.ValidationError(message, { errors: issues });
};

const positiveInteger = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
  .transform(Number);

export const pageQuery = {
  page: positiveInteger.default(1),
  pageSize: positiveInteger.pipe(z.number().max(100, 'must be at most 100')).default(25),
};

export const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a documentId');

export const email = z
  .string()
  .trim()
  .max(255)
  .pipe(z.email('must be an email address'))
  .transform((value) => value.toLowerCase());

export const permissions = z.array(z.string().min(1).max(64)).max(100);

export const membershipStatus = z.enum(MEMBERSHIP_STATUSES);
export const membershipType = z.enum(MEMBERSHIP_TYPES);

/** One schema per content-API route. */
export const schemas = builtOnRead({
  // path parameters come from the route table, which may add positional ones of its own
  params: () => z.object({ documentId }),
  listPage: () => z.strictObject(pageQuery),
  listContacts: () =>
    z.strictObject({
      ...pageQuery,
      status: membershipStatus.optional(),
      type: membershipType.optional(),
    }),
  switchAccount: () => z.strictObject({ account: documentId }),
  createContact: () =>
    z.strictObject({
      email,
      username: z.string().trim().min(3).max(64),
      password: z.string().min(6).max(72),
      permissions: permissions.default([]),
    }),
  invite: () => z.strictObject({ email, permissions: permissions.default([]) }),
  updateContact: () =>
    z
      .strictObject({
        permissions: permissions.optional(),
        status: z.enum(['active', 'inactive']).optional(),
        type: z.enum(['owner', 'contact']).optional(),
      })
      .superRefine((body, context) => {
        const access = body.permissions !== undefined || body.status !== undefined;
        if (body.type !== undefined && access) {
          context.addIssue({
            code: 'custom',
            path: ['type'],
            message: 'type is changed on its own, without permissions or status',
          });
        } else if (body.type === undefined && !access) {
          context.addIssue({
            code: 'custom',
            path: [],
            message: 'give permissions, status or type',
          });
        }
      }),
  invitationToken: () => z.strictObject({ token: z.string().min(16).max(128) }),
  offerOwnership: () => z.strictObject({ member: documentId }),
  empty: () => z.strictObject({}),
});
