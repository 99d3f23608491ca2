import { nextPath } from '../../examples/client-area/src/next-path';

// The client area's sign-in page goes on to `next` only on its own origin.
const ORIGIN = 'http://localhost:3000';
const next = (value: string) => nextPath(new URLSearchParams({ next: value }), ORIGIN);

test('a path of this app is kept, with its query and fragment', () => {
  expect(next('/contacts?status=invited#top')).toBe('/contacts?status=invited#top');
  expect(next('/invitations/accept?token=abc')).toBe('/invitations/accept?token=abc');
});

test('anything that a browser would follow to another origin goes home', () => {
  for (const value of [
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/\t/evil.example/',
    '/\n/evil.example/',
    'https://evil.example/',
    'javascript:alert(1)',
    ' //evil.example',
  ]) {
    expect([value, next(value)]).toEqual([value, '/']);
  }
});

test('no next, or an empty one, goes home', () => {
  expect(nextPath(new URLSearchParams(), ORIGIN)).toBe('/');
  expect(next('')).toBe('/');
});
