import { PLUGIN_ID } from '../pluginId';

/**
 * Whether a type opts in to account scoping, read from its plugin options as the Content Manager
 * hands them over: a schema's `pluginOptions`, or a layout's `options`, into which it merges them.
 */
export const isScopedBy = (options: Record<string, unknown> | undefined) => {
  const ours = options?.[PLUGIN_ID];
  return typeof ours === 'object' && ours !== null && 'scoped' in ours && ours.scoped === true;
};
