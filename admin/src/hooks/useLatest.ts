import { useEffect, useRef } from 'react';

/**
 * The latest value of something an effect calls but should not rerun for (the fetch client, the
 * translator, a notification): read through the ref, it is never a stale one.
 */
export const useLatest = <T>(value: T) => {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
};
