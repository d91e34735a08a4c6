// Shared by the import specs: fixtures and a registry with the built-in apps and HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinApps } from '@integrator/apps/builtin';
import { defineApp, defineModule } from '@integrator/sdk';
import { ModuleRegistry } from '../../src';

export const read = (file: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8'));

// The HTTP app is declared in libs/apps/http; this stand-in has the two facts the import
// relies on (the module key and that it takes a connection), so these tests do not depend
// on that app's fields.
const httpStandIn = defineApp({
  key: 'http',
  label: 'HTTP',
  modules: [
    defineModule({
      key: 'http:MakeRequest',
      label: 'Make a request',
      kind: 'action',
      connection: { types: ['http'], required: true },
      extraMapperFields: true,
      run: () => ({}),
    }),
  ],
});
export const registry = new ModuleRegistry([...builtinApps, httpStandIn]);
