import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ResourceKind } from '@integrator/sdk';
import type { Blueprint, ScenarioSettings } from '@integrator/engine/blueprint';
import { ApiError, type ApiClient } from '../../api/client';
import type { AppMetadata, Connection, FieldError, Scenario } from '../../api/types';
import { errorText, rawErrorText } from '../../components/errors';
import type { Note } from '../../components/page-parts';
import type { ResourceOption } from '../../forms/form-env';
import { parseRoute, setLeaveGuard } from '../../shell/router';
import { tidyIfCrowded } from '../../canvas/crowding';

// The scenario being edited: what the server has (the saved snapshot) and what the page holds
// (blueprint from the editor, settings, name). Saving sends the difference as a new version.

export type Settings = Partial<ScenarioSettings>;
type Resources = Partial<Record<ResourceKind, readonly ResourceOption[]>>;

interface Snapshot {
  blueprint: Blueprint;
  settings: string;
  name: string;
  folder: string;
}

/** What a save or a draft run sends: the settings, and our format marker (the server reads no guess). */
export function withSettings(blueprint: Blueprint, settings: Settings): Blueprint {
  const integrator = { ...(blueprint.metadata?.integrator as object | undefined), format: 1 };
  return { ...blueprint, metadata: { ...blueprint.metadata, scenario: settings, integrator } };
}

export function useScenario(api: ApiClient, scenarioId: string) {
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [blueprint, setBlueprint] = useState<Blueprint | null>(null);
  const [settings, setSettings] = useState<Settings>({});
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [issues, setIssues] = useState<FieldError[]>([]);
  const [note, setNote] = useState<Note | null>(null);
  const { busy, perform } = usePerform(setIssues, setNote);
  const saved = useRef<Snapshot | null>(null);

  /** Takes a scenario from the server as the new saved state (load, save, restore). */
  const adopt = useCallback((next: Scenario, replaceDocument: boolean) => {
    setScenario(next);
    setIssues(next.issues ?? []);
    const nextSettings = next.blueprint.metadata?.scenario ?? {};
    // Modules without places or on top of each other (a Make export) open laid out; the tidy
    // positions count as the saved ones, so opening alone changes nothing to save.
    const shown = replaceDocument ? tidyIfCrowded(next.blueprint) : next.blueprint;
    if (replaceDocument && shown !== next.blueprint) setNote({ text: LAID_OUT, tone: 'info' });
    if (replaceDocument) {
      setBlueprint(shown);
      setSettings(nextSettings);
      setName(next.name);
      setFolder(next.folder ?? '');
    }
    saved.current = {
      blueprint: replaceDocument ? shown : (saved.current?.blueprint ?? next.blueprint),
      settings: JSON.stringify(nextSettings),
      name: next.name,
      folder: next.folder ?? '',
    };
  }, []);

  const { catalog, connections, resources, reloadConnections, createResource, determineStructure } =
    useWorkspace(api, scenarioId, adopt, setNote);

  const was = saved.current;
  // What a run would see differently from the saved version (the name and folder it would not).
  const blueprintDirty = Boolean(
    was && blueprint && (blueprint !== was.blueprint || JSON.stringify(settings) !== was.settings),
  );
  const dirty = blueprintDirty || Boolean(was && blueprint && (name !== was.name || folder !== was.folder));
  useLeaveWarning(dirty);

  const save = useCallback(async (): Promise<Scenario | undefined> => {
    if (!blueprint) return undefined;
    const body = {
      blueprint: withSettings(blueprint, settings),
      ...(name !== saved.current?.name ? { name: name.trim() } : {}),
      ...(folder !== saved.current?.folder ? { folder: folder.trim() } : {}),
    };
    const answer = await api.scenarios.update(scenarioId, body);
    saved.current = {
      blueprint,
      settings: JSON.stringify(settings),
      name: answer.name,
      folder: answer.folder ?? '',
    };
    setName(answer.name);
    setFolder(answer.folder ?? '');
    setScenario(answer);
    setIssues(answer.issues ?? []);
    return answer;
  }, [api, scenarioId, blueprint, settings, name, folder]);

  return useMemo(
    () => ({
      scenario,
      setScenario,
      catalog,
      connections,
      resources,
      blueprint,
      setBlueprint,
      settings,
      setSettings,
      name,
      setName,
      folder,
      setFolder,
      issues,
      setIssues,
      note,
      setNote,
      busy,
      dirty,
      blueprintDirty,
      perform,
      save,
      adopt,
      reloadConnections,
      createResource,
      determineStructure,
    }),
    [
      scenario,
      catalog,
      connections,
      resources,
      blueprint,
      settings,
      name,
      folder,
      issues,
      note,
      busy,
      dirty,
      blueprintDirty,
      perform,
      save,
      adopt,
      reloadConnections,
      createResource,
      determineStructure,
    ],
  );
}

export type ScenarioState = ReturnType<typeof useScenario>;

export const LAID_OUT =
  'The modules were laid out automatically: their positions were missing or on top of each other.';

export const LEAVE_QUESTION = 'This scenario has unsaved changes. Leave and lose them?';

/**
 * The browser asks before a reload or close throws unsaved edits away; the app asks the same
 * before its own navigation (sidebar, a link, back arrow, another scenario) leaves the scenario.
 */
function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    const here = parseRoute(window.location.hash).parts.join('/');
    const removeGuard = setLeaveGuard(
      (next) => parseRoute(next).parts.join('/') === here || window.confirm(LEAVE_QUESTION),
    );
    return () => {
      window.removeEventListener('beforeunload', warn);
      removeGuard();
    };
  }, [dirty]);
}

/** Runs an action with the busy flag; API field errors become the editor's issues. */
function usePerform(setIssues: (issues: FieldError[]) => void, setNote: (note: Note | null) => void) {
  const [busy, setBusy] = useState(false);
  const perform = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setNote(null);
      try {
        return await work();
      } catch (err) {
        // The API names blueprint fields from the request body (blueprint.flow[1]…); the editor
        // places issues by their path in the blueprint (flow[1]…).
        if (err instanceof ApiError && err.fields.length)
          setIssues(err.fields.map((f) => ({ ...f, path: f.path.replace(/^blueprint\./, '') })));
        // Kept with its paths: the page names the modules and fields they point at (say()).
        setNote({ text: rawErrorText(err), tone: 'error' });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [setIssues, setNote],
  );
  return { busy, perform };
}

/** The scenario with what the editor needs around it: the catalog, connections, picker options. */
function useWorkspace(
  api: ApiClient,
  scenarioId: string,
  adopt: (s: Scenario, replace: boolean) => void,
  setNote: (note: Note) => void,
) {
  const [catalog, setCatalog] = useState<AppMetadata[]>([]);
  const [connections, setConnections] = useState<Connection[]>([]);
  const [resources, setResources] = useState<Resources>({});
  useEffect(() => {
    let live = true;
    Promise.all([api.scenarios.get(scenarioId), api.apps.list(), api.connections.list()])
      .then(([loaded, apps, conns]) => {
        if (!live) return;
        setCatalog(apps);
        setConnections(conns);
        adopt(loaded, true);
      })
      .catch((err: unknown) => live && setNote({ text: errorText(err), tone: 'error' }));
    // Pickers' options are not needed to draw the canvas: they are fetched once it is idle.
    const later = whenIdle(() => void loadResources(api).then((r) => live && setResources(r)));
    return () => {
      live = false;
      later();
    };
  }, [api, scenarioId, adopt, setNote]);
  const reloadConnections = useCallback(async () => setConnections(await api.connections.list()), [api]);
  // A webhook made from its module's picker ("Add", a name): linked to this scenario, offered at once.
  const createResource = useCallback(
    async (kind: ResourceKind, name: string): Promise<ResourceOption> => {
      if (kind !== 'webhook') throw new Error(`a ${kind} cannot be created here`);
      const hook = await api.webhooks.create({ name, scenarioId: Number(scenarioId) });
      const option = { value: Number(hook.id), label: hook.name, url: hook.url };
      setResources((r) => ({ ...r, webhook: [...(r.webhook ?? []), option] }));
      return option;
    },
    [api, scenarioId],
  );
  // "Redetermine data structure": the hook listens; its next request becomes the sample the
  // picker offers. Asked every second; stopping (the signal) makes the hook stop listening.
  const determineStructure = useCallback(
    async (hookId: string | number, signal: AbortSignal): Promise<void> => {
      const before = await api.webhooks.listen(hookId);
      try {
        for (;;) {
          await pause(1000, signal);
          const hook = await api.webhooks.get(hookId);
          if (hook.listening) continue;
          if (!hook.sample || hook.sampleAt === before.sampleAt)
            throw new Error('the webhook stopped waiting before a request arrived');
          const sample = hook.sample as Record<string, unknown>;
          setResources((r) => ({
            ...r,
            webhook: (r.webhook ?? []).map((o) =>
              String(o.value) === String(hookId) ? { ...o, sample } : o,
            ),
          }));
          return;
        }
      } catch (err) {
        if (signal.aborted) await api.webhooks.stopListening(hookId).catch(() => undefined);
        throw err;
      }
    },
    [api],
  );
  return { catalog, connections, resources, reloadConnections, createResource, determineStructure };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('stopped'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('stopped'));
    });
  });
}

function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 300);
  return () => clearTimeout(handle);
}

// Options of the resource pickers; a list the user may not read (a disabled integration) is left out.
async function loadResources(api: ApiClient): Promise<Resources> {
  const quiet = <T>(promise: Promise<T>) => promise.catch(() => undefined);
  const [hooks, stores, connectors] = await Promise.all([
    quiet(api.webhooks.list()),
    quiet(api.dataStores.list()),
    quiet(api.customConnectors.list()),
  ]);
  const out: Resources = {};
  if (hooks)
    out.webhook = hooks.map((h) => ({
      value: Number(h.id),
      label: h.name,
      url: h.url,
      sample: (h.sample ?? null) as Record<string, unknown> | null,
    }));
  if (stores) out.datastore = stores.map((s) => ({ value: Number(s.id), label: s.name }));
  if (connectors) out.customConnector = connectors.map((c) => ({ value: Number(c.id), label: c.name }));
  return out;
}
