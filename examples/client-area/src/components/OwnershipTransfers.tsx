import type { OwnershipTransfer } from 'strapi-plugin-multi-account/client';
import { TRANSFER_STATUS_LABELS } from '../labels';
import { actingClient, useAction, useMe } from '../session';
import { ErrorMessage } from './ErrorMessage';

const TransferRow = ({
  transfer,
  onChanged,
}: {
  transfer: OwnershipTransfer;
  onChanged: (notice: string) => void;
}) => {
  const me = useMe();
  const { run, busy, error } = useAction();
  const { to } = transfer;
  // only the owner who made an open offer may withdraw it
  const withdrawable = transfer.status === 'pending' && transfer.from.username === me.user.username;
  const withdraw = async () => {
    const done = await run(() =>
      actingClient()
        .ownershipTransfers.withdraw(transfer.documentId)
        .then(() => true)
    );
    if (done) onChanged(`Ownership offer to ${to.username || to.email} withdrawn`);
  };
  return (
    <tr aria-label={`Ownership offer to ${to.email}`}>
      <td>
        <div>{to.email}</div>
        <div className="muted">{to.username}</div>
      </td>
      <td>{transfer.from.username}</td>
      <td>
        <span className={`status status-${transfer.status}`}>
          {TRANSFER_STATUS_LABELS[transfer.status]}
        </span>
      </td>
      <td>{new Date(transfer.expiresAt).toLocaleString()}</td>
      <td>
        <div className="row-actions">
          {withdrawable && (
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void withdraw()}
            >
              Withdraw offer
            </button>
          )}
          <ErrorMessage error={error} />
        </div>
      </td>
    </tr>
  );
};

/** The account's latest offers of its ownership, as its owners follow them; none, nothing. */
export const OwnershipTransfers = ({
  transfers,
  onChanged,
}: {
  transfers: OwnershipTransfer[];
  onChanged: (notice: string) => void;
}) => {
  if (transfers.length === 0) return null;
  return (
    <section aria-label="Ownership offers">
      <h2>Ownership offers</h2>
      <table>
        <thead>
          <tr>
            <th>Offered to</th>
            <th>Offered by</th>
            <th>Status</th>
            <th>Open until</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {transfers.map((transfer) => (
            <TransferRow key={transfer.documentId} transfer={transfer} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
};
