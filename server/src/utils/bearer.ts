/** The payload of a JWT that users-permissions has already verified for this request. */
export const payloadOf = (jwt: string | undefined): Record<string, unknown> => {
  const part = jwt?.split('.')[1];
  if (!part) return {};
  try {
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString());
    return payload && typeof payload === 'object' ? payload : {};
  } catch {
    return {};
  }
};

type WithHeaders = { get(header: string): string };

/** The bearer token a request carries. */
export const bearerOf = (request: WithHeaders) => {
  const [scheme, token] = (request.get('authorization') || '').split(/\s+/);
  return scheme?.toLowerCase() === 'bearer' ? token : undefined;
};

/** The account a legacy-mode JWT carries as a claim. */
export const claimedAccount = (request: WithHeaders) => {
  const claim = payloadOf(bearerOf(request)).account;
  return typeof claim === 'string' ? claim : null;
};
