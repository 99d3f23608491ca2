import { useState } from 'react';
import type { Member, Permission } from 'strapi-plugin-multi-account/client';
import { permissionLabel, STATUS_LABELS, TYPE_LABELS } from '../labels';
import { actingClient, useAction, useMe } from '../session';
import { ErrorMessage } from './ErrorMessage';
import { PermissionPicker } from './PermissionPicker';

/** A change that asks first: the question, its two answers, and what it says once done. */
type Confirmation = {
  question: string;
  confirm: string;
  /** The answer that changes nothing; `Cancel` unless given. */
  dismiss?: string;
  action: () => Promise<unknown>;
  notice: string;
  className?: string;
};

/**
 * One member's row: its status, its permissions and what the signed-in member may do to it. An
 * owner also makes an active member a co-owner or offers them the account's ownership (while no
 * offer is open), and makes another owner a contact.
 */
export const MemberRow = ({
  member,
  offered,
  offerOpen,
  onChanged,
}: {
  member: Member;
  /** This member has the account's open ownership offer. */
  offered: boolean;
  /** The account has an open ownership offer, to this member or another. */
  offerOpen: boolean;
  onChanged: (notice: string) => void;
}) => {
  const me = useMe();
  const { run, busy, error } = useAction();
  const [editing, setEditing] = useState<Permission[] | null>(null);
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const name = member.user?.username ?? member.email;
  const own = member.user?.documentId === me.user.documentId;
  const changeable = member.type !== 'owner' && !own;
  const invitation = member.status === 'pending' || member.status === 'invited';
  const byOwner = me.account?.type === 'owner' && !own && member.status === 'active';

  const act = async (action: () => Promise<unknown>, notice: string) => {
    if ((await run(() => action().then(() => true))) === true) {
      setEditing(null);
      setConfirming(null);
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
  /** A button that asks before its change. */
  const ask = (label: string, confirmation: Confirmation, className?: string) => (
    <button type="button" className={className} onClick={() => setConfirming(confirmation)}>
      {label}
    </button>
  );

  return (
    <tr aria-label={member.email}>
      <td>
        <div>{member.email}</div>
        {member.user && <div className="muted">{member.user.username}</div>}
      </td>
      <td>
        {TYPE_LABELS[member.type]}
        {offered && <span className="badge offered">Ownership offered</span>}
      </td>
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
              {ask(
                invitation ? 'Cancel invitation' : 'Remove',
                {
                  question: `Remove ${name}’s access?`,
                  confirm: 'Yes, remove',
                  dismiss: 'Keep',
                  action: () => contacts().remove(member.documentId),
                  notice: `${name} no longer has access`,
                  className: 'danger',
                },
                'danger'
              )}
            </>
          )}
          {byOwner && !editing && !confirming && member.type !== 'owner' && (
            <>
              {ask('Make co-owner', {
                question: `Make ${name} a co-owner? They will hold every permission.`,
                confirm: 'Yes, make co-owner',
                action: () => contacts().setType(member.documentId, 'owner'),
                notice: `${name} is now a co-owner`,
              })}
              {!offerOpen &&
                ask('Offer ownership', {
                  question: `Offer ${name} the ownership of this account? Once they accept, you become a contact.`,
                  confirm: 'Yes, offer ownership',
                  action: () => actingClient().ownershipTransfers.offer(member.documentId),
                  notice: `Ownership offered to ${name}`,
                })}
            </>
          )}
          {byOwner &&
            !confirming &&
            member.type === 'owner' &&
            ask('Make contact', {
              question: `Make ${name} a contact? They keep every permission until you change them.`,
              confirm: 'Yes, make contact',
              action: () => contacts().setType(member.documentId, 'contact'),
              notice: `${name} is now a contact`,
            })}
          {confirming && (
            <>
              <span>{confirming.question}</span>
              {change(
                confirming.confirm,
                confirming.action,
                confirming.notice,
                confirming.className ?? 'primary'
              )}
              <button type="button" onClick={() => setConfirming(null)}>
                {confirming.dismiss ?? 'Cancel'}
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
