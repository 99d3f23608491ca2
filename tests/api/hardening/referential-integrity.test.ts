import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp, tokenFrom } from '../../helpers/users';

// Memberships and invitations point at accounts and users by integer columns, with foreign keys
// declared in their schemas: the database itself keeps them pointing at rows that exist, even
// for writes that bypass Strapi (raw SQL, another tool), which no lifecycle hook would see.
const MEMBERSHIPS = 'multi_account_memberships';
const INVITATIONS = 'multi_account_invitations';
const ACCOUNTS = 'multi_account_accounts';

const FOREIGN_KEYS = [
  [MEMBERSHIPS, 'multi_account_memberships_account_fk', 'account_id', ACCOUNTS, 'CASCADE'],
  [MEMBERSHIPS, 'multi_account_memberships_user_fk', 'user_id', 'up_users', 'RESTRICT'],
  [INVITATIONS, 'multi_account_invitations_account_fk', 'account_id', ACCOUNTS, 'CASCADE'],
  [
    INVITATIONS,
    'multi_account_invitations_membership_fk',
    'membership_id',
    MEMBERSHIPS,
    'SET NULL',
  ],
  [INVITATIONS, 'multi_account_invitations_invited_by_fk', 'invited_by_id', 'up_users', 'SET NULL'],
] as const;

/**
 * The message a write is refused with, or null when it went through. Not `rejects.toThrow`: on
 * SQLite the error is better-sqlite3's SqliteError, a class its native addon takes from the first
 * test file of a jest worker, so in the next files it is no `Error` of theirs and `toThrow` sees
 * nothing thrown.
 */
const refusal = (write: PromiseLike<unknown>) =>
  Promise.resolve(write).then(
    () => null,
    (error: { message?: unknown }) => String(error?.message)
  );
const FOREIGN_KEY_VIOLATION = /foreign key/i;

const raw = (table: string) => app.strapi.db.connection(table);
const countOf = async (table: string, where: Record<string, unknown>) =>
  Number((await raw(table).where(where).count({ n: '*' }))[0].n);
const accountIdOf = async (documentId: string) =>
  (await raw(ACCOUNTS).where({ document_id: documentId }).first('id')).id as number;

const app = useTestApp();

test("the foreign keys are in the database, and Strapi's schema sync leaves them as they are", async () => {
  const db = app.strapi.db;
  for (const [table, name, column, referencedTable, onDelete] of FOREIGN_KEYS) {
    const keys = (await db.dialect.schemaInspector.getForeignKeys(table)) as {
      name: string;
      columns: string[];
      referencedTable: string;
      referencedColumns: string[];
      onDelete: string | null;
    }[];
    // SQLite names no constraint: its keys are matched by column
    const key = keys.find((k) => k.name === name || k.columns.join() === column);
    expect(key).toMatchObject({
      columns: [column],
      referencedTable,
      referencedColumns: ['id'],
      // MariaDB reports RESTRICT as NO ACTION, which it treats alike
      onDelete:
        onDelete === 'RESTRICT' ? expect.stringMatching(/^(RESTRICT|NO ACTION)$/) : onDelete,
    });
  }

  // what a schema sync would change: none of these keys nor their columns (on MariaDB it alters
  // JSON columns and recreates Strapi's own created_by and updated_by keys every time)
  type Changes = {
    added: { name: string }[];
    updated: { name: string }[];
    removed: { name: string }[];
  };
  const { diff } = await db.schema.schemaDiff.diff({
    previousSchema: (await db.schema.schemaStorage.read())?.schema,
    databaseSchema: await db.dialect.schemaInspector.getSchema(),
    userSchema: db.schema.schema,
  });
  const names = ({ added, updated, removed }: Changes) =>
    [...added, ...updated, ...removed].map((change) => change.name);
  const changed = (
    diff.tables.updated as { name: string; columns: Changes; foreignKeys: Changes }[]
  )
    .filter((table) => table.name.startsWith('multi_account_'))
    .flatMap((table) => [
      ...names(table.columns).map((column) => `${table.name}.${column}`),
      ...names(table.foreignKeys),
    ]);
  const declared = FOREIGN_KEYS.flatMap(([table, name, column]) => [name, `${table}.${column}`]);
  expect(changed.filter((name) => (declared as string[]).includes(name))).toEqual([]);
});

test("a user who still has memberships cannot be deleted behind the plugin's back", async () => {
  const owner = await signUp(app, 'fkowner');
  const guest = await signUp(app, 'fkguest');
  await addGuest(app, owner, guest, ['support']);

  // raw SQL skips the lifecycle that enforces the last-owner rule: the database refuses it
  expect(await refusal(raw('up_users').where({ id: owner.user.id }).del())).toMatch(
    FOREIGN_KEY_VIOLATION
  );
  expect(await refusal(raw('up_users').where({ id: guest.user.id }).del())).toMatch(
    FOREIGN_KEY_VIOLATION
  );
  expect(await countOf('up_users', { id: owner.user.id })).toBe(1);
  expect(await countOf('up_users', { id: guest.user.id })).toBe(1);
  expect(await countOf(MEMBERSHIPS, { user_id: guest.user.id })).toBe(2);

  // through Strapi, the plugin's rule runs first and takes the memberships away
  await app.strapi.plugin('users-permissions').service('user').remove({ id: guest.user.id });
  expect(await countOf(MEMBERSHIPS, { user_id: guest.user.id })).toBe(0);
  const members = await as(app, owner).get(`${API}/contacts`);
  expect(members.body.data.map((m: { email: string }) => m.email)).toEqual(['fkowner@example.com']);
});

test('a membership or invitation cannot point at an account or a user that does not exist', async () => {
  const owner = await signUp(app, 'fkpointer');
  const accountId = await accountIdOf(owner.account.documentId);
  const missing = 2_000_000_000;
  const row = {
    document_id: 'fkdanglingmembership000',
    email: 'dangling@example.com',
    type: 'guest',
    status: 'invited',
  };

  expect(
    await refusal(raw(MEMBERSHIPS).insert({ ...row, account_id: missing, user_id: null }))
  ).toMatch(FOREIGN_KEY_VIOLATION);
  expect(
    await refusal(raw(MEMBERSHIPS).insert({ ...row, account_id: accountId, user_id: missing }))
  ).toMatch(FOREIGN_KEY_VIOLATION);
  expect(
    await refusal(
      raw(MEMBERSHIPS).where({ user_id: owner.user.id }).update({ account_id: missing })
    )
  ).toMatch(FOREIGN_KEY_VIOLATION);
  expect(
    await refusal(
      raw(INVITATIONS).insert({
        document_id: 'fkdanglinginvitation000',
        account_id: missing,
        membership_id: null,
        email: 'dangling@example.com',
        token_hash: 'f'.repeat(64),
        status: 'open',
        expires_at: new Date(Date.now() + 3_600_000),
      })
    )
  ).toMatch(FOREIGN_KEY_VIOLATION);
  expect(await raw(MEMBERSHIPS).where({ email: 'dangling@example.com' })).toEqual([]);
  expect(await raw(INVITATIONS).where({ email: 'dangling@example.com' })).toEqual([]);
});

test("deleting an account's row takes its memberships and invitations with it, and nothing else", async () => {
  const owner = await signUp(app, 'fkclosing');
  const guest = await signUp(app, 'fkcloser');
  await addGuest(app, owner, guest, ['support']);
  const invited = await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: 'fk-pending@example.com', permissions: [] });
  expect(invited.status).toBe(201);
  const accountId = await accountIdOf(owner.account.documentId);
  const guestAccountId = await accountIdOf(guest.account.documentId);

  await raw(ACCOUNTS).where({ id: accountId }).del();

  expect(await raw(MEMBERSHIPS).where({ account_id: accountId })).toEqual([]);
  expect(await raw(INVITATIONS).where({ account_id: accountId })).toEqual([]);
  // the guest's own account, and their membership of it, are untouched
  expect(await raw(MEMBERSHIPS).where({ account_id: guestAccountId })).toEqual([
    expect.objectContaining({ user_id: guest.user.id, type: 'owner' }),
  ]);
  expect((await as(app, guest).get(`${API}/me/accounts`)).body.data).toEqual([
    expect.objectContaining({ documentId: guest.account.documentId }),
  ]);
});

test('an invitation outlives its membership and its inviter, pointing at neither', async () => {
  const owner = await signUp(app, 'fkhost');
  const inviter = await signUp(app, 'fkinviter');
  await addGuest(app, owner, inviter, ['contacts', 'support']);
  const asInviter = as(app, inviter, owner.account.documentId);

  // revoked: the membership goes, the invitation stays as a record without its id
  const revoked = await asInviter
    .post(`${API}/invitations`)
    .send({ email: 'fk-revoked@example.com', permissions: ['support'] });
  expect(
    (await as(app, owner).delete(`${API}/contacts/${revoked.body.data.documentId}`)).status
  ).toBe(204);
  expect(await raw(INVITATIONS).where({ email: 'fk-revoked@example.com' })).toEqual([
    expect.objectContaining({ status: 'revoked', membership_id: null }),
  ]);

  // an open invitation whose inviter is deleted stays open and can still be accepted
  const since = app.smtp.messages.length;
  const open = await asInviter
    .post(`${API}/invitations`)
    .send({ email: 'fkinvitee@example.com', permissions: ['support'] });
  expect(open.status).toBe(201);
  const token = tokenFrom(await app.smtp.waitFor('fkinvitee@example.com', since));
  await app.strapi.plugin('users-permissions').service('user').remove({ id: inviter.user.id });
  expect(await raw(INVITATIONS).where({ email: 'fkinvitee@example.com' })).toEqual([
    expect.objectContaining({ status: 'open', invited_by_id: null }),
  ]);
  const invitee = await signUp(app, 'fkinvitee');
  const accepted = await as(app, invitee).post(`${API}/invitations/accept`).send({ token });
  expect(accepted.status).toBe(200);
  expect(accepted.body.data.documentId).toBe(owner.account.documentId);
});
