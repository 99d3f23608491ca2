import { z } from 'zod';
import { ACCOUNT_STATUSES } from '../../../shared/contracts';
import {
  documentId,
  email,
  membershipStatus,
  membershipType,
  pageQuery,
  permissions,
  schemas,
} from '.';
import { builtOnRead } from '../utils/built-on-read';

/**
 * The named parameters of an admin route. Koa's router also puts there the unnamed capture of the
 * admin panel's catch-all route (key `0`), which is no input of ours.
 */
export const pathParams = (params: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(params ?? {}).filter(([key]) => !/^\d+$/.test(key)));

const search = z.string().trim().max(100).optional();
/** A file's id, a whole number (or its digits, in a path). */
const fileId = () => z.coerce.number().int().positive().max(2147483647);
const accountName = z.string().trim().min(1).max(200);

/** One schema per admin route; unknown keys are refused. */
export const adminSchemas = builtOnRead({
  accountParams: () => schemas.params,
  memberParams: () => z.strictObject({ documentId, memberId: documentId }),
  userParams: () => schemas.params,
  listAccounts: () =>
    z.strictObject({
      ...pageQuery,
      q: search,
      // the accounts behind scoped documents' account ids, as the Content Manager shows them
      ids: z
        .string()
        .regex(/^\d{1,10}(,\d{1,10}){0,99}$/, 'A comma-separated list of up to 100 account ids')
        .transform((value) => value.split(',').map(Number))
        .optional(),
    }),
  listUsers: () => z.strictObject({ ...pageQuery, q: search }),
  listFiles: () => z.strictObject({ ...pageQuery, q: search }),
  fileParams: () => z.strictObject({ documentId, fileId: fileId() }),
  addFiles: () =>
    z.strictObject({
      files: z
        .array(fileId())
        .min(1)
        .max(100)
        .refine((ids) => new Set(ids).size === ids.length, 'Each file once'),
    }),
  listMembers: () =>
    z.strictObject({
      ...pageQuery,
      status: membershipStatus.optional(),
      type: membershipType.optional(),
    }),
  listPage: () => schemas.listPage,
  createAccount: () => z.strictObject({ name: accountName, owner: documentId }),
  updateAccount: () =>
    z
      .strictObject({ name: accountName.optional(), status: z.enum(ACCOUNT_STATUSES).optional() })
      .refine((body) => body.name !== undefined || body.status !== undefined, {
        message: 'give name or status',
      }),
  createContact: () => schemas.createContact,
  invite: () => schemas.invite,
  updateMember: () => schemas.updateContact,
  empty: () => schemas.empty,
  impersonationParams: () => schemas.params,
  startImpersonation: () => z.strictObject({ user: documentId, account: documentId }),
  settings: () =>
    z.strictObject({
      /** Up to a year. */
      invitationTtlHours: z.number().int().min(1).max(8760),
      permissionLabels: z.record(z.string().min(1).max(64), z.string().trim().min(1).max(100)),
    }),
  sendTestEmail: () => z.strictObject({ to: email }),
  permissions: () => permissions,
});
