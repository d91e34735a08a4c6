import { useEffect, useMemo, useState } from 'react';
import type { Organization } from '../../api/types';
import { errorMap } from '../../components/errors';
import { CheckField, SelectField, TextField } from '../../components/fields';
import { LoadState, NoteLine, PageHeader } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';
import { timeZones } from '../scenario/schedule-form';

// Organisation settings: name, time zone (schedules without their own zone use it),
// integrations (the custom connector), the private-network guard and history retention.
// Everyone can read them; only a super user can change them. History is kept by age, by count
// per scenario and by total size (shown in MiB; 0 = no limit), whichever limit is reached first.

const MIB = 1_048_576;

/** The history limits as typed (text until saved). */
interface Retention {
  days: string;
  count: string;
  mib: string;
}

export default function OrganizationPage() {
  const { api, isSuperUser } = useSession();
  const org = useLoad(() => api.organization.get(), [api]);
  const [draft, setDraft] = useState<Organization | null>(null);
  const [retention, setRetention] = useState<Retention>({ days: '', count: '', mib: '' });
  const action = useAction();
  const errors = errorMap(action.error);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  useEffect(() => {
    if (!org.data) return;
    setDraft(org.data);
    setRetention({
      days: String(org.data.executionRetentionDays),
      count: String(org.data.executionRetentionCount),
      mib: String(Math.round((org.data.executionRetentionBytes / MIB) * 100) / 100),
    });
  }, [org.data]);
  const set = (patch: Partial<Organization>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = () =>
    action.run(async () => {
      if (!draft) return;
      const saved = await api.organization.update({
        name: draft.name.trim(),
        timezone: draft.timezone,
        integrations: { customConnector: draft.integrations.customConnector },
        privateNetworkGuard: draft.privateNetworkGuard,
        executionRetentionDays: Number(retention.days),
        executionRetentionCount: Number(retention.count),
        executionRetentionBytes: Math.round(Number(retention.mib) * MIB),
      });
      org.setData(saved);
      return 'Organisation settings saved.';
    });

  return (
    <div className="page narrow">
      <PageHeader title="Organisation" />
      <LoadState loading={org.loading} error={org.error}>
        {draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <fieldset disabled={!isSuperUser} className="plain">
              {!isSuperUser && <p className="muted">Only a super user can change these settings.</p>}
              <TextField
                label="Name"
                value={draft.name}
                onChange={(name) => set({ name })}
                error={errors.get('name')}
                required
              />
              <SelectField
                label="Time zone"
                value={draft.timezone}
                onChange={(timezone) => set({ timezone })}
                choices={zones}
                error={errors.get('timezone')}
                help="Schedules without a zone of their own run in this one."
              />
              <Options
                draft={draft}
                set={set}
                errors={errors}
                retention={retention}
                onRetention={setRetention}
              />
              <NoteLine note={errors.size ? null : action.note} />
              {isSuperUser && (
                <button type="submit" className="primary" disabled={action.busy}>
                  Save
                </button>
              )}
            </fieldset>
          </form>
        )}
      </LoadState>
    </div>
  );
}

interface OptionsProps {
  draft: Organization;
  set(patch: Partial<Organization>): void;
  errors: ReadonlyMap<string, string>;
  retention: Retention;
  onRetention(value: Retention): void;
}

function Options({ draft, set, errors, retention, onRetention: setRetention }: OptionsProps) {
  return (
    <>
      <h2>Integrations</h2>
      <CheckField
        label="Custom connector"
        checked={Boolean(draft.integrations.customConnector)}
        onChange={(customConnector) => set({ integrations: { ...draft.integrations, customConnector } })}
        error={errors.get('integrations.customConnector')}
        help="Saved requests whose response feeds scenarios and key results."
      />
      <h2>Safety and history</h2>
      <CheckField
        label="Block requests to private networks"
        checked={draft.privateNetworkGuard}
        onChange={(privateNetworkGuard) => set({ privateNetworkGuard })}
        error={errors.get('privateNetworkGuard')}
        help="Modules may not call addresses such as 10.x, 192.168.x or localhost (for hosted installations)."
      />
      <TextField
        label="Keep execution history (days)"
        type="number"
        min={1}
        max={3650}
        value={retention.days}
        onChange={(days) => setRetention({ ...retention, days })}
        error={errors.get('executionRetentionDays')}
      />
      <TextField
        label="Keep at most this many runs per scenario"
        type="number"
        min={0}
        value={retention.count}
        onChange={(count) => setRetention({ ...retention, count })}
        error={errors.get('executionRetentionCount')}
        help="The newest are kept; 0 = no limit by count."
      />
      <TextField
        label="Keep at most this much history in all (MiB)"
        type="number"
        min={0}
        step="any"
        value={retention.mib}
        onChange={(mib) => setRetention({ ...retention, mib })}
        error={errors.get('executionRetentionBytes')}
        help="The oldest runs go first; 0 = no limit by size. Runs waiting as incomplete executions are always kept."
      />
    </>
  );
}
