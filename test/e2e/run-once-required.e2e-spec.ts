import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Run once as in Make: a draft (or a saved version) with a required module field still empty
// runs; the modules before it run and keep their output for the picker, the first module
// without its value fails its bundle. Scheduled and webhook runs of such a version stay refused.

const blueprint = (name: string) => ({
  name: 'Half done',
  metadata: { integrator: { format: 1 } },
  flow: [
    { id: 1, module: 'util:SetVariable2', mapper: { name: 'plan', scope: 'roundtrip', value: 'pro' } },
    { id: 2, module: 'util:SetVariable2', mapper: { name, scope: 'roundtrip', value: '{{1.plan}}' } },
  ],
});

describe.each(databaseTargets())('run once with required fields empty on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('a draft with an empty required field runs up to it; other problems are still a 400', async () => {
    const created = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Half done', blueprint: blueprint('kept') })
      .expect(201);
    const id = created.body.id;

    const run = await t
      .http()
      .post(`/api/scenarios/${id}/run`)
      .set(h)
      .send({ blueprint: blueprint('') })
      .expect(201);
    expect(run.body).toMatchObject({ status: 'error', draft: true });
    const [first, second] = [1, 2].map((m) => run.body.modules.find((x: { id: number }) => x.id === m));
    expect(first.ops[0].output).toEqual([{ plan: 'pro' }]);
    expect(second.ops[0].error).toMatchObject({ message: 'name: is required' });

    const broken = { ...blueprint(''), flow: [...blueprint('').flow, { id: 3, module: 'nope:Nothing' }] };
    const bad = await t
      .http()
      .post(`/api/scenarios/${id}/run`)
      .set(h)
      .send({ blueprint: broken })
      .expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'blueprint.flow[2].module', message: expect.stringContaining('nope') },
      ]),
    );
    expect(bad.body.fields).not.toContainEqual(
      expect.objectContaining({ path: 'blueprint.flow[1].mapper.name' }),
    );
  });

  test('a saved version with an empty required field runs once from the editor too', async () => {
    const created = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Saved half', blueprint: blueprint('') })
      .expect(201);
    expect(created.body.issues).toEqual([{ path: 'flow[1].mapper.name', message: 'is required' }]);
    const run = await t.http().post(`/api/scenarios/${created.body.id}/run`).set(h).send({}).expect(201);
    expect(run.body.status).toBe('error');
    expect(run.body.modules.find((x: { id: number }) => x.id === 1).ops[0].output).toEqual([{ plan: 'pro' }]);
  });
});
