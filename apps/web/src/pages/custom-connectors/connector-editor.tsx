import { useEffect, useMemo, useState } from 'react';
import type { ConnectionTypeMetadata, FieldMetadata } from '@integrator/sdk';
import type { AuthType, CustomConnector, SendResult } from '../../api/admin-types';
import { errorMap, summaryText } from '../../components/errors';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { NoteLine } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { FieldForm, fieldDefaults, formFields } from '../../forms';
import { useSession } from '../../shell/session';
import { connectionFormFields } from '../connections/connection-fields';
import { AUTH_LABELS, draftOf, emptyDraft, requestOf, type ConnectorDraft } from './connector-draft';
import { PairsEditor } from './pairs-editor';
import { SendResultView } from './send-result-view';

// The request builder (Profit.co's custom connector): URL, method, Params, Headers, an
// Authorization tab (No Auth by default), Send, and the response body as a tree from which
// the field directory is picked. A saved connector sends with its stored secrets.

type Tab = 'params' | 'headers' | 'auth' | 'body';
const TAB_LABELS: Record<Tab, string> = {
  params: 'Params',
  headers: 'Headers',
  auth: 'Authorization',
  body: 'Body',
};
const AUTH_TYPES = Object.keys(AUTH_LABELS) as AuthType[];
const HIDDEN_AUTH_FIELDS = new Set(['baseUrl', 'accessToken']);

// A new authorization type starts from its declared defaults (an API key goes in a header).
function defaultsOf(types: readonly ConnectionTypeMetadata[], key: string): Record<string, unknown> {
  const type = types.find((t) => t.key === key);
  return type ? fieldDefaults(formFields(type.fields.filter((f) => !HIDDEN_AUTH_FIELDS.has(f.name)))) : {};
}

interface Props {
  connector?: CustomConnector;
  onSaved(connector: CustomConnector): void;
}

export function ConnectorEditor({ connector, onSaved }: Props) {
  const { api } = useSession();
  const [draft, setDraft] = useState<ConnectorDraft>(() => (connector ? draftOf(connector) : emptyDraft()));
  const [saved, setSaved] = useState(() => JSON.stringify(draft));
  const [result, setResult] = useState<SendResult | null>(null);
  const [picked, setPicked] = useState<{ path: string; value: unknown } | undefined>();
  const [types, setTypes] = useState<ConnectionTypeMetadata[]>([]);
  const action = useAction();
  const fields = errorMap(action.error);
  const set = (patch: Partial<ConnectorDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const dirty = JSON.stringify(draft) !== saved;

  useEffect(() => {
    api.connectionTypes.list().then(setTypes, () => undefined);
  }, [api]);
  const authType = types.find((t) => t.key === draft.authType);
  const authFields = useMemo(
    () =>
      authType
        ? connectionFormFields(
            { ...authType, fields: authType.fields.filter((f) => !HIDDEN_AUTH_FIELDS.has(f.name)) },
            connector?.auth.type === draft.authType ? connector.secretsSet : [],
          )
        : [],
    [authType, connector, draft.authType],
  );
  const authErrors = useMemo(
    () => [...errorMap(action.error, 'auth')].map(([path, message]) => ({ path, message })),
    [action.error],
  );

  const persist = async (): Promise<CustomConnector> => {
    const body = { name: draft.name.trim(), ...requestOf(draft) };
    const answer = connector
      ? await api.customConnectors.update(connector.id, body)
      : await api.customConnectors.create(body);
    const next = draftOf(answer);
    setDraft(next);
    setSaved(JSON.stringify(next));
    onSaved(answer);
    return answer;
  };
  const save = () => action.run(async () => `Saved "${(await persist()).name}".`);
  // A saved connector sends with its stored secrets, so pending edits are saved first.
  const send = () =>
    action.run(async () => {
      let answer: SendResult;
      if (connector) {
        if (dirty) await persist();
        answer = await api.customConnectors.sendSaved(connector.id, draft.fieldPath.trim());
      } else answer = await api.customConnectors.send(requestOf(draft));
      setResult(answer);
      setPicked(undefined);
      return connector && dirty ? 'Saved and sent.' : undefined;
    });
  const shown = new Set([
    'name',
    'url',
    'method',
    'fieldPath',
    'body',
    ...authErrors.map((e) => `auth.${e.path}`),
  ]);

  return (
    <div className="connector-editor">
      <TextField
        label="Name"
        value={draft.name}
        onChange={(name) => set({ name })}
        error={fields.get('name')}
        required
      />
      <div className="request-line">
        <SelectField
          label="Method"
          value={draft.method}
          onChange={(m) => set({ method: m as ConnectorDraft['method'] })}
          choices={[
            { value: 'GET', label: 'GET' },
            { value: 'POST', label: 'POST' },
          ]}
          error={fields.get('method')}
        />
        <TextField
          label="URL"
          value={draft.url}
          onChange={(url) => set({ url })}
          placeholder="https://api.example.com/v1/metrics"
          error={fields.get('url')}
          required
        />
        <button
          type="button"
          className="primary send"
          onClick={() => void send()}
          disabled={action.busy || !draft.url.trim()}
        >
          Send
        </button>
      </div>
      <RequestTabs
        draft={draft}
        set={set}
        errors={fields}
        authFields={authFields}
        authErrors={authErrors}
        onAuthType={(t) => set({ authType: t, auth: defaultsOf(types, t) })}
      />
      <TextField
        label="Field directory"
        value={draft.fieldPath}
        onChange={(fieldPath) => set({ fieldPath })}
        placeholder="data.metrics[0].value"
        help="The path to the value in the response: pick it in the body below after Send."
        error={fields.get('fieldPath')}
      />
      {action.error !== null ? (
        <p className="note error" role="alert">
          {summaryText(action.error, shown)}
        </p>
      ) : (
        <NoteLine note={action.note} />
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {connector ? 'Save' : 'Create connector'}
        </button>
        {dirty && connector && <span className="tag">unsaved changes</span>}
      </div>
      {result && (
        <SendResultView
          result={result}
          fieldPath={draft.fieldPath.trim()}
          picked={picked}
          onPick={(path, value) => {
            set({ fieldPath: path });
            setPicked({ path, value });
          }}
        />
      )}
    </div>
  );
}

interface TabsProps {
  draft: ConnectorDraft;
  set(patch: Partial<ConnectorDraft>): void;
  errors: ReadonlyMap<string, string>;
  authFields: FieldMetadata[];
  authErrors: Array<{ path: string; message: string }>;
  onAuthType(type: AuthType): void;
}

function RequestTabs({ draft, set, errors, authFields, authErrors, onAuthType }: TabsProps) {
  const [tab, setTab] = useState<Tab>('params');
  return (
    <>
      <div role="tablist" aria-label="Request parts" className="tabs">
        {(['params', 'headers', 'auth', 'body'] as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel" aria-label={TAB_LABELS[tab]}>
        {tab === 'params' && (
          <PairsEditor
            label="Params"
            prefix="params"
            pairs={draft.params}
            onChange={(params) => set({ params })}
            errors={errors}
          />
        )}
        {tab === 'headers' && (
          <PairsEditor
            label="Headers"
            prefix="headers"
            pairs={draft.headers}
            onChange={(headers) => set({ headers })}
            errors={errors}
          />
        )}
        {tab === 'auth' && (
          <>
            <SelectField
              label="Type"
              value={draft.authType}
              onChange={(t) => onAuthType(t as AuthType)}
              choices={AUTH_TYPES.map((t) => ({ value: t, label: AUTH_LABELS[t] }))}
              error={errors.get('auth.type')}
            />
            {draft.authType !== 'none' && (
              <FieldForm
                label="Authorization"
                fields={authFields}
                value={draft.auth}
                onChange={(auth) => set({ auth })}
                errors={authErrors}
                mapping={false}
              />
            )}
          </>
        )}
        {tab === 'body' &&
          (draft.method === 'POST' ? (
            <TextAreaField
              label="Body"
              rows={6}
              value={draft.body}
              onChange={(body) => set({ body })}
              error={errors.get('body')}
              help="Sent as is; JSON is sent as application/json."
            />
          ) : (
            <p className="muted">GET requests have no body.</p>
          ))}
      </div>
    </>
  );
}
