import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allApps } from '@integrator/apps';
import { compileBlueprint, importBlueprint, ModuleRegistry } from '@integrator/engine';

// A Make export as Make writes it (designer and restore metadata, connections of Make's types
// google-restricted and google-email): every module maps onto ours with its mapper, and each
// connection is asked for as one of the Google connection types.

test('a Make export with Google Drive and Gmail imports with the modules mapped', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'make-drive-and-gmail.json'), 'utf8');
  const registry = new ModuleRegistry(allApps);
  const { blueprint, report } = importBlueprint(JSON.parse(text), registry);
  expect(report.format).toBe('make');
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow.map((n) => n.module)).toEqual([
    'gateway:CustomWebHook',
    'google-drive:uploadAFile',
    'google-email:sendAnEmail',
  ]);
  expect(blueprint.flow[1].mapper).toEqual({
    data: '{{1.data}}',
    select: 'value',
    convert: false,
    folderId: '/1Qw3rTyUi0pAsDfGhJkL',
    filename: '{{1.fileName}}',
    destination: 'drive',
  });
  expect(blueprint.flow[2].mapper).toMatchObject({
    to: ['{{1.email}}'],
    content: '<p>Saved: <a href="{{2.webViewLink}}">{{2.name}}</a></p>',
    attachments: [{ fileName: '{{1.fileName}}', data: '{{1.data}}' }],
  });
  expect(report.connectionsToChoose.map((c) => c.types)).toEqual([
    ['google', 'google-service-account'],
    ['google', 'google-service-account'],
  ]);
  // Once a connection is chosen, the scenario compiles without an issue.
  for (const node of blueprint.flow.slice(1)) node.parameters = { ...node.parameters, connection: 1 };
  expect(compileBlueprint(blueprint, registry).issues).toEqual([]);
});

test("Make's older Send an email (google-email:ActionSendEmail v2) lands on it, its html as the content", () => {
  const registry = new ModuleRegistry(allApps);
  const { blueprint, report } = importBlueprint(
    {
      name: 'Forms to mail',
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { hook: 1 }, mapper: {} },
        {
          id: 2,
          module: 'google-email:ActionSendEmail',
          version: 2,
          parameters: { __IMTCONN__: 7 },
          mapper: {
            from: '',
            to: ['ops@example.com'],
            cc: [],
            bcc: [],
            subject: 'New response',
            html: 'Submitted: {{1.createTime}}',
            attachments: [],
          },
        },
      ],
      metadata: {},
    },
    registry,
  );
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow[1].module).toBe('google-email:sendAnEmail');
  expect(blueprint.flow[1].mapper).toEqual({
    from: '',
    to: ['ops@example.com'],
    cc: [],
    bcc: [],
    subject: 'New response',
    content: 'Submitted: {{1.createTime}}',
    bodyType: 'rawHtml',
    attachments: [],
  });
});
