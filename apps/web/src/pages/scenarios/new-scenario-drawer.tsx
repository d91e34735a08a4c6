import { useState } from 'react';
import { Drawer } from '../../components/drawer';
import { errorMap } from '../../components/errors';
import { TextField } from '../../components/fields';
import { NoteLine } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { navigate } from '../../shell/router';
import { useSession } from '../../shell/session';

// A new, empty scenario: a name and a folder, then straight into the editor.

export function NewScenarioDrawer({ folder: initialFolder, onClose }: { folder: string; onClose(): void }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [folder, setFolder] = useState(initialFolder);
  const action = useAction();
  const fields = errorMap(action.error);
  const create = () =>
    action.run(async () => {
      const scenario = await api.scenarios.create({
        name: name.trim(),
        ...(folder.trim() ? { folder: folder.trim() } : {}),
      });
      navigate(`/scenarios/${scenario.id}`);
    });
  return (
    <Drawer title="New scenario" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <TextField label="Name" value={name} onChange={setName} error={fields.get('name')} required />
        <TextField label="Folder" value={folder} onChange={setFolder} error={fields.get('folder')} />
        {!fields.size && <NoteLine note={action.note} />}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            Create and open
          </button>
        </div>
      </form>
    </Drawer>
  );
}
