/** What an action did, said once it is done. */
export const Notice = ({ notice }: { notice: string | null }) =>
  notice ? (
    <p className="notice" role="status">
      {notice}
    </p>
  ) : null;
