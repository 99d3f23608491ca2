/** A server's error, as the user reads it. */
export const ErrorMessage = ({ error }: { error: string | null }) =>
  error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
