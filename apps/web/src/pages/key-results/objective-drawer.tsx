import { useState } from 'react';
import type { Objective } from '../../api/okr-types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { useSession } from '../../shell/session';

// An objective: a name, a description and its period (its key results default to it).

export function ObjectiveDrawer({
  objective,
  onClose,
  onSaved,
}: {
  objective?: Objective;
  onClose(): void;
  onSaved(): void;
}) {
  const { api } = useSession();
  const [name, setName] = useState(objective?.name ?? '');
  const [description, setDescription] = useState(objective?.description ?? '');
  const [periodStart, setStart] = useState(objective?.periodStart ?? quarterStart());
  const [periodEnd, setEnd] = useState(objective?.periodEnd ?? quarterEnd());
  const action = useAction();
  const errors = errorMap(action.error);
  const save = () =>
    action.run(async () => {
      const body = { name: name.trim(), description, periodStart, periodEnd };
      if (objective) await api.objectives.update(objective.id, body);
      else await api.objectives.create(body);
      onSaved();
      onClose();
    });
  return (
    <Drawer title={objective ? `Edit ${objective.name}` : 'New objective'} onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={errors.get('name')} required />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        error={errors.get('description')}
      />
      <TextField
        label="Period start"
        type="date"
        value={periodStart}
        onChange={setStart}
        error={errors.get('periodStart')}
        required
      />
      <TextField
        label="Period end"
        type="date"
        value={periodEnd}
        onChange={setEnd}
        error={errors.get('periodEnd')}
        required
      />
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, new Set(['name', 'description', 'periodStart', 'periodEnd']))}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {objective ? 'Save objective' : 'Create objective'}
        </button>
      </div>
    </Drawer>
  );
}

function quarterStart(now = new Date()): string {
  const month = Math.floor(now.getMonth() / 3) * 3;
  return localDate(new Date(now.getFullYear(), month, 1));
}

function quarterEnd(now = new Date()): string {
  const month = Math.floor(now.getMonth() / 3) * 3 + 3;
  return localDate(new Date(now.getFullYear(), month, 0));
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
