import type { Core } from '@strapi/strapi';
import type { AuditEntry } from '../../../shared/contracts';
import { toIso, UIDS } from '../utils';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import { toAccountRef, type AccountRow } from './memberships';

type AuditRow = {
  documentId: string;
  action: string;
  actorType: 'user' | 'admin' | 'system';
  actorId: number | null;
  accountId: number | null;
  details: Record<string, unknown> | null;
  createdAt: unknown;
};

const idsOf = (rows: AuditRow[], type: AuditRow['actorType']) => [
  ...new Set(rows.flatMap((r) => (r.actorType === type && r.actorId !== null ? [r.actorId] : []))),
];

/** An account's audit trail, newest first, with who acted named: four queries a page. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listForAccount(account: AccountRow, page: PageQuery) {
    const where = { accountId: account.id };
    const { offset, limit } = pageWindow(page);
    const [rows, total] = await Promise.all([
      strapi.db.query(UIDS.auditLog).findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset,
        limit,
      }) as Promise<AuditRow[]>,
      strapi.db.query(UIDS.auditLog).count({ where }),
    ]);
    const userIds = idsOf(rows, 'user');
    const adminIds = idsOf(rows, 'admin');
    const [users, admins] = await Promise.all([
      userIds.length
        ? strapi.db
            .query(UIDS.user)
            .findMany({ where: { id: { $in: userIds } }, select: ['id', 'username'] })
        : [],
      adminIds.length
        ? strapi.db.query('admin::user').findMany({
            where: { id: { $in: adminIds } },
            select: ['id', 'firstname', 'lastname', 'email'],
          })
        : [],
    ]);
    const names = new Map<string, string>([
      ...users.map((u): [string, string] => [`user:${u.id}`, u.username]),
      ...admins.map((a): [string, string] => [
        `admin:${a.id}`,
        [a.firstname, a.lastname].filter(Boolean).join(' ') || a.email,
      ]),
    ]);
    const data: AuditEntry[] = rows.map((row) => ({
      documentId: row.documentId,
      action: row.action,
      actor: {
        type: row.actorType,
        id: row.actorId,
        name: names.get(`${row.actorType}:${row.actorId}`) ?? null,
      },
      account: toAccountRef(account),
      details: row.details ?? {},
      createdAt: toIso(row.createdAt),
    }));
    return { data, meta: { pagination: paginationMeta(page, total) } };
  },
});
