import { useState } from 'react';
import type { OwnershipTransfer } from 'strapi-plugin-multi-account/client';
import { accountLabel } from '../labels';
import { client, useAction, useLoad, useSession } from '../session';
import { ErrorMessage } from './ErrorMessage';
import { Notice } from './Notice';

const OfferItem = ({
  offer,
  onAnswered,
}: {
  offer: OwnershipTransfer;
  onAnswered: (notice: string) => void;
}) => {
  const { session, choose, reload } = useSession();
  const { run, busy, error } = useAction();
  const { name } = offer.account;
  const accept = async () => {
    const account = await run(() => client.ownershipTransfers.accept(offer.documentId));
    if (!account) return;
    // the tab goes on as the account's owner, as accepting an invitation takes one there
    const actingFor = session.status === 'signed-in' ? session.account?.documentId : undefined;
    if (actingFor === account.documentId) await reload();
    else await run(() => choose(account.documentId));
    onAnswered(`You now own ${accountLabel(account)}`);
  };
  const reject = async () => {
    if (await run(() => client.ownershipTransfers.reject(offer.documentId)))
      onAnswered(`You declined the ownership of ${name}`);
  };
  return (
    <li className="panel" aria-label={`Ownership of ${name}`}>
      <strong>{accountLabel(offer.account)}</strong>
      <p>
        {offer.from.username} offers you the ownership of {name}, until{' '}
        {new Date(offer.expiresAt).toLocaleString()}. As its owner you hold every permission, and{' '}
        {offer.from.username} becomes a contact.
      </p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
          Accept ownership
        </button>
        <button type="button" disabled={busy} onClick={() => void reject()}>
          Decline
        </button>
      </div>
    </li>
  );
};

/** Offers of an account's ownership addressed to me; nothing when there are none. */
export const OwnershipOffers = () => {
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(() => client.ownershipTransfers.mine({ pageSize: 10 }), []);
  const offers = list.data?.data ?? [];
  if (offers.length === 0 && !notice && !list.error) return null;
  return (
    <section aria-label="Ownership offered to you">
      <h2>Ownership offered to you</h2>
      <Notice notice={notice} />
      <ErrorMessage error={list.error} />
      <ul className="plain">
        {offers.map((offer) => (
          <OfferItem
            key={offer.documentId}
            offer={offer}
            onAnswered={(message) => {
              setNotice(message);
              list.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
};
