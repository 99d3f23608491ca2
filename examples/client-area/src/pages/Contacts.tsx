import { useState, type FormEvent } from 'react';
import type { MembershipStatus, Permission } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { MemberRow } from '../components/MemberRow';
import { Notice } from '../components/Notice';
import { OwnershipTransfers } from '../components/OwnershipTransfers';
import { Pager } from '../components/Pager';
import { PermissionPicker } from '../components/PermissionPicker';
import { useFields } from '../form';
import { STATUS_LABELS } from '../labels';
import { actingClient, useAction, useLoad, useMe } from '../session';

const PAGE_SIZE = 10;

type Form = 'invite' | 'contact' | null;

/** Invite a guest by email, or register a contact with a username and password. */
const AddMember = ({
  form,
  onDone,
  onCancel,
}: {
  form: Exclude<Form, null>;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) => {
  const me = useMe();
  const { run, busy, error } = useAction();
  const { values: input, field: set } = useFields({ email: '', username: '', password: '' });
  const [permissions, setPermissions] = useState<Permission[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const member = await run(() =>
      form === 'invite'
        ? actingClient().invite({ email: input.email, permissions })
        : actingClient().contacts.create({ ...input, permissions })
    );
    if (member)
      onDone(
        form === 'invite'
          ? `Invitation sent to ${member.email}`
          : `${member.user?.username ?? member.email} can now sign in`
      );
  };

  return (
    <form className="panel" onSubmit={(event) => void submit(event)}>
      <h2>{form === 'invite' ? 'Invite a guest' : 'Register a contact'}</h2>
      {form === 'contact' && (
        <label>
          Username
          <input required autoComplete="off" {...set('username')} />
        </label>
      )}
      <label>
        Email
        <input type="email" required autoComplete="off" {...set('email')} />
      </label>
      {form === 'contact' && (
        <label>
          Password
          <input type="password" required autoComplete="new-password" {...set('password')} />
        </label>
      )}
      <PermissionPicker available={me.permissions} value={permissions} onChange={setPermissions} />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {form === 'invite' ? 'Send invitation' : 'Register contact'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};

/**
 * Manage contacts: the account's owner, contacts, guests and invitations, for `contacts`; an
 * owner also follows the account's offers of its ownership here.
 */
export const Contacts = () => {
  const me = useMe();
  const owner = me.account?.type === 'owner';
  const [status, setStatus] = useState<MembershipStatus | ''>('');
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<Form>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    () => actingClient().contacts.list({ status: status || undefined, page, pageSize: PAGE_SIZE }),
    [status, page, me.account?.documentId]
  );
  const offers = useLoad(
    () => (owner ? actingClient().ownershipTransfers.list({ pageSize: 5 }) : Promise.resolve(null)),
    [owner, me.account?.documentId]
  );
  const transfers = offers.data?.data ?? [];
  const open = transfers.find((transfer) => transfer.status === 'pending');

  if (!me.permissions.includes('contacts'))
    return <p role="alert">Managing contacts needs the Contacts permission on this account.</p>;

  const changed = (message: string) => {
    setNotice(message);
    setForm(null);
    list.reload();
    offers.reload();
  };

  return (
    <section>
      <h1>Manage contacts</h1>
      <div className="toolbar">
        <label>
          Status
          <select
            aria-label="Filter by status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as MembershipStatus | '');
              setPage(1);
            }}
          >
            <option value="">All statuses</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => setForm('invite')}>
          Invite a guest
        </button>
        <button type="button" onClick={() => setForm('contact')}>
          Register a contact
        </button>
      </div>
      <Notice notice={notice} />
      {form && <AddMember key={form} form={form} onDone={changed} onCancel={() => setForm(null)} />}
      <ErrorMessage error={list.error ?? offers.error} />
      <OwnershipTransfers transfers={transfers} onChanged={changed} />
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Type</th>
            <th>Status</th>
            <th>Permissions</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.data.map((member) => (
            <MemberRow
              key={member.documentId}
              member={member}
              offered={!!open && !!member.user && open.to.username === member.user.username}
              offerOpen={!!open}
              onChanged={changed}
            />
          ))}
        </tbody>
      </table>
      {list.data?.data.length === 0 && <p className="muted">Nobody here with this status.</p>}
      <Pager pagination={list.data?.meta.pagination} onPage={setPage} />
    </section>
  );
};
