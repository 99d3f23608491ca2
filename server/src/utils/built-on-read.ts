/**
 * An object whose values are built the first time each is read, and then kept. The plugin's
 * validation schemas are held this way: a zod 4 schema carries some forty methods of its own
 * (several kilobytes of heap each), and an app's process keeps for its whole life only the
 * schemas of the routes it serves, rather than some three hundred built at load.
 */
export const builtOnRead = <T extends object>(builders: { [K in keyof T]: () => T[K] }): T => {
  const values: Partial<T> = {};
  for (const key in builders) {
    Object.defineProperty(values, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = builders[key]();
        Object.defineProperty(values, key, { value, enumerable: true });
        return value;
      },
    });
  }
  // every key has its getter from here on
  return values as T;
};
