import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An invitation link's secret: 32 random bytes; only its SHA-256 is ever stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const newToken = () => {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
};

export const sameHash = (a: string, b: string) => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
};
