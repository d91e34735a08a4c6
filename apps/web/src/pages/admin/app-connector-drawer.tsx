import { useState } from 'react';
import type { AppConnector, IpRules } from '../../api/admin-types';
import type { Group } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { fieldSentence } from '../../components/field-labels';
import { CheckField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';

// An app connector's settings: the group whose members may get tokens, the scenarios and data
// stores it opens, whether it is blocked, and which client addresses may use it.

type IpMode = 'none' | 'allow' | 'deny';

export function AppConnectorDrawer({
  connector,
  groups,
  onClose,
  onSaved,
}: {
  connector?: AppConnector;
  groups: readonly Group[];
  onClose(): void;
  onSaved(): void;
}) {
  const { api } = useSession();
  const scenarios = useLoad(() => api.scenarios.list(), [api]);
  const stores = useLoad(() => api.dataStores.list(), [api]);
  const [description, setDescription] = useState(connector?.description ?? '');
  const [groupId, setGroupId] = useState(connector ? String(connector.groupId) : '');
  const [blocked, setBlocked] = useState(connector?.blocked ?? true);
  const [scenarioIds, setScenarioIds] = useState<ReadonlySet<string>>(
    new Set((connector?.scenarioIds ?? []).map(String)),
  );
  const [storeIds, setStoreIds] = useState<ReadonlySet<string>>(
    new Set((connector?.dataStoreIds ?? []).map(String)),
  );
  const [ipMode, setIpMode] = useState<IpMode>(
    !connector?.ipRules ? 'none' : 'allow' in connector.ipRules ? 'allow' : 'deny',
  );
  const [ipList, setIpList] = useState(() =>
    connector?.ipRules
      ? ('allow' in connector.ipRules ? connector.ipRules.allow : connector.ipRules.deny).join('\n')
      : '',
  );
  const action = useAction();
  const errors = errorMap(action.error);
  const ipError = [...errors].find(([p]) => p.startsWith('ipRules'));

  const save = () =>
    action.run(async () => {
      const entries = ipList.split(/[\s,]+/).filter(Boolean);
      const ipRules: IpRules =
        ipMode === 'none' ? null : ipMode === 'allow' ? { allow: entries } : { deny: entries };
      const body = {
        description: description.trim(),
        groupId: Number(groupId),
        blocked,
        scenarioIds: [...scenarioIds].map(Number),
        dataStoreIds: [...storeIds].map(Number),
        ipRules,
      };
      if (connector) await api.appConnectors.update(connector.id, body);
      else await api.appConnectors.create(body);
      onSaved();
      onClose();
    });
  const shown = new Set([
    'description',
    'groupId',
    'blocked',
    'scenarioIds',
    'dataStoreIds',
    ...(ipError ? [ipError[0]] : []),
  ]);

  return (
    <Drawer title={connector ? `Edit ${connector.description}` : 'New app connector'} onClose={onClose}>
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        error={errors.get('description')}
        required
      />
      <SelectField
        label="User group"
        value={groupId}
        onChange={setGroupId}
        empty="Choose a group"
        choices={groups.map((g) => ({ value: String(g.id), label: g.name }))}
        error={errors.get('groupId')}
        help="Members of this group can request one-time codes and tokens."
        required
      />
      <CheckField
        label="Blocked"
        checked={blocked}
        onChange={setBlocked}
        help="A blocked connector refuses every call."
        error={errors.get('blocked')}
      />
      <Checklist
        label="Scenarios it may run"
        items={(scenarios.data?.items ?? []).map((s) => ({ id: String(s.id), label: s.name }))}
        chosen={scenarioIds}
        onChange={setScenarioIds}
        error={errors.get('scenarioIds')}
      />
      <Checklist
        label="Data stores it may read"
        items={(stores.data ?? []).map((s) => ({ id: String(s.id), label: s.name }))}
        chosen={storeIds}
        onChange={setStoreIds}
        error={errors.get('dataStoreIds')}
      />
      <SelectField
        label="IP restriction"
        value={ipMode}
        onChange={(m) => setIpMode(m as IpMode)}
        choices={[
          { value: 'none', label: 'None' },
          { value: 'allow', label: 'Only these addresses' },
          { value: 'deny', label: 'All but these addresses' },
        ]}
      />
      {ipMode !== 'none' && (
        <TextAreaField
          label="Addresses"
          rows={4}
          value={ipList}
          onChange={setIpList}
          help="IPv4 or IPv6 addresses, CIDR ranges (10.0.0.0/8) or an address with a subnet mask (10.0.0.0 255.0.0.0), one per line."
          error={ipError ? fieldSentence(ipError[0], ipError[1]) : undefined}
        />
      )}
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, shown)}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {connector ? 'Save' : 'Create app connector'}
        </button>
      </div>
    </Drawer>
  );
}

function Checklist({
  label,
  items,
  chosen,
  onChange,
  error,
}: {
  label: string;
  items: Array<{ id: string; label: string }>;
  chosen: ReadonlySet<string>;
  onChange(next: ReadonlySet<string>): void;
  error?: string;
}) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="plain checklist">
      <legend>{label}</legend>
      {items.length === 0 && <p className="muted">None yet.</p>}
      {/* Only the boxes scroll: a scrolling region always holds something the keyboard reaches. */}
      {items.length > 0 && (
        <div className="checklist-items">
          {items.map((item) => (
            <label key={item.id} className="check">
              <input
                type="checkbox"
                checked={chosen.has(item.id)}
                onChange={(e) => toggle(item.id, e.target.checked)}
              />
              {item.label}
            </label>
          ))}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
