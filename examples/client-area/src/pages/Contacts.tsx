import { useState, type FormEvent } from 'react';
import type { Member, MembershipStatus, Permission } from 'strapi-plugin-multi-account/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFields } from '../form';
import { Notice } from '../components/Notice';
import { Pager } from '../components/Pager';
import { PermissionPicker } from '../components/PermissionPicker';
import { permissionLabel, STATUS_LABELS, TYPE_LABELS } from '../labels';
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

/** One member's row: its status, its permissions and what the signed-in member may do to it. */
const MemberRow = ({ member, onChanged }: { member: Member; onChanged: (n: string) => void }) => {
  const me = useMe();
  const { run, busy, error } = useAction();
  const [editing, setEditing] = useState<Permission[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const name = member.user?.username ?? member.email;
  const own = member.user?.documentId === me.user.documentId;
  const changeable = member.type !== 'owner' && !own;
  const invitation = member.status === 'pending' || member.status === 'invited';

  const act = async (action: () => Promise<unknown>, notice: string) => {
    if ((await run(() => action().then(() => true))) === true) {
      setEditing(null);
      setConfirming(false);
      onChanged(notice);
    }
  };
  const contacts = () => actingClient().contacts;
  /** A button that makes one change to this member and says what it did. */
  const change = (
    label: string,
    action: () => Promise<unknown>,
    notice: string,
    className?: string
  ) => (
    <button
      type="button"
      className={className}
      disabled={busy}
      onClick={() => void act(action, notice)}
    >
      {label}
    </button>
  );

  return (
    <tr aria-label={member.email}>
      <td>
        <div>{member.email}</div>
        {member.user && <div className="muted">{member.user.username}</div>}
      </td>
      <td>{TYPE_LABELS[member.type]}</td>
      <td>
        <span className={`status status-${member.status}`}>{STATUS_LABELS[member.status]}</span>
      </td>
      <td>
        {editing ? (
          <PermissionPicker
            legend={`Permissions of ${name}`}
            available={me.permissions}
            value={editing}
            onChange={setEditing}
          />
        ) : member.type === 'owner' ? (
          'All'
        ) : (
          member.permissions.map(permissionLabel).join(', ') || '—'
        )}
      </td>
      <td>
        <div className="row-actions">
          {changeable && editing && (
            <>
              {change(
                'Save',
                () => contacts().update(member.documentId, { permissions: editing }),
                `Permissions of ${name} saved`,
                'primary'
              )}
              <button type="button" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </>
          )}
          {changeable && !editing && !confirming && (
            <>
              {member.status !== 'rejected' && (
                <button type="button" onClick={() => setEditing(member.permissions)}>
                  Edit permissions
                </button>
              )}
              {member.status === 'active' &&
                change(
                  'Suspend',
                  () => contacts().update(member.documentId, { status: 'inactive' }),
                  `${name} is suspended`
                )}
              {member.status === 'inactive' &&
                change(
                  'Reactivate',
                  () => contacts().update(member.documentId, { status: 'active' }),
                  `${name} is active again`
                )}
              {member.status === 'rejected' &&
                change(
                  'Invite again',
                  () =>
                    actingClient().invite({ email: member.email, permissions: member.permissions }),
                  `Invitation sent again to ${member.email}`
                )}
              {invitation &&
                change(
                  'Resend invitation',
                  () => contacts().resend(member.documentId),
                  `Invitation sent again to ${member.email}`
                )}
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                {invitation ? 'Cancel invitation' : 'Remove'}
              </button>
            </>
          )}
          {confirming && (
            <>
              <span>Remove {name}’s access?</span>
              {change(
                'Yes, remove',
                () => contacts().remove(member.documentId),
                `${name} no longer has access`,
                'danger'
              )}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          )}
          {own && <span className="muted">You</span>}
          <ErrorMessage error={error} />
        </div>
      </td>
    </tr>
  );
};

/** Manage contacts: the account's owner, contacts, guests and invitations, for `contacts`. */
export const Contacts = () => {
  const me = useMe();
  const [status, setStatus] = useState<MembershipStatus | ''>('');
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<Form>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    () => actingClient().contacts.list({ status: status || undefined, page, pageSize: PAGE_SIZE }),
    [status, page, me.account?.documentId]
  );

  if (!me.permissions.includes('contacts'))
    return <p role="alert">Managing contacts needs the Contacts permission on this account.</p>;

  const changed = (message: string) => {
    setNotice(message);
    setForm(null);
    list.reload();
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
      <ErrorMessage error={list.error} />
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
            <MemberRow key={member.documentId} member={member} onChanged={changed} />
          ))}
        </tbody>
      </table>
      {list.data?.data.length === 0 && <p className="muted">Nobody here with this status.</p>}
      <Pager pagination={list.data?.meta.pagination} onPage={setPage} />
    </section>
  );
};
