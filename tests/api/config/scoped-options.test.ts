import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bootTestApp, copyOfTestApp } from '../../helpers/strapi';

// A scoped type's options are checked at boot: a mistake stops Strapi with its reason, before a
// single request could reach documents that were meant to be scoped.
const widget = (pluginOptions: unknown, attributes: Record<string, unknown> = {}) => ({
  'src/api/widget/content-types/widget/schema.json': {
    kind: 'collectionType',
    collectionName: 'widgets',
    info: { singularName: 'widget', pluralName: 'widgets', displayName: 'Widget' },
    options: { draftAndPublish: false },
    pluginOptions: { 'multi-account': pluginOptions },
    attributes: { name: { type: 'string' }, ...attributes },
  },
});

const bootWith = async (files: Record<string, unknown>) => {
  const copy = copyOfTestApp(files);
  try {
    const app = await bootTestApp({}, { appDir: copy.dir });
    const widgetType = app.strapi.contentTypes['api::widget.widget' as never] as {
      attributes: Record<string, unknown>;
    };
    await app.close();
    return { attributes: Object.keys(widgetType.attributes) };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    copy.remove();
  }
};

test('an unknown option stops the boot and names it', async () => {
  expect((await bootWith(widget({ scoped: true, scope: 'account' }))).error).toMatch(
    /api::widget\.widget pluginOptions\['multi-account'\].*scope/
  );
}, 60_000);

test('a permission key outside the catalogue stops the boot and names it', async () => {
  expect(
    (await bootWith(widget({ scoped: true, permissions: { read: ['billing', 'payroll'] } }))).error
  ).toMatch(/api::widget\.widget.*unknown permission payroll/);
}, 60_000);

test('a type with its own multiAccountId attribute cannot be scoped', async () => {
  expect(
    (await bootWith(widget({ scoped: true }, { multiAccountId: { type: 'integer' } }))).error
  ).toMatch(/already has an attribute named multiAccountId/);
}, 60_000);

test('a valid scoped type boots with its account reference, a host key in its permissions', async () => {
  expect(await bootWith(widget({ scoped: true, permissions: { read: ['reports'] } }))).toEqual({
    attributes: expect.arrayContaining(['name', 'multiAccountId']),
  });
}, 60_000);

test("the plugin's own types cannot be scoped, even through an extension", async () => {
  const account = JSON.parse(
    readFileSync(
      path.resolve(__dirname, '../../../server/src/content-types/account/schema.json'),
      'utf8'
    )
  );
  const extended = {
    'src/extensions/multi-account/content-types/account/schema.json': {
      ...account,
      pluginOptions: { ...account.pluginOptions, 'multi-account': { scoped: true } },
    },
  };
  expect((await bootWith(extended)).error).toMatch(
    /plugin::multi-account\.account.*the plugin's own types cannot be scoped/
  );
}, 60_000);
