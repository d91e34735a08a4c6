import { useCallback, useEffect, useRef, useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { RunEvent } from '@integrator/engine/runner/types';
import type { ApiClient } from '../../api/client';
import type { Execution } from '../../api/types';
import { findModuleNode } from '../../canvas/tree';
import { findModule, type Catalog } from '../../canvas/catalog';
import { applyRunEvents, startLiveRun, type LiveRun, type ModuleInfo } from '../../run/live-run';

// Run once, live: POST run?async=true, then the execution's events stream in and the canvas
// bubbles grow as they arrive; at execution.finished the full execution (input bundles and
// all) replaces the streamed picture. Events are applied once per frame, not once each.

export interface RunOnce {
  /** What the editor draws: the live run while it streams, then the finished execution. */
  view: LiveRun | Execution | null;
  running: boolean;
  /** Runs the saved version, or `draft` (the editor's unsaved blueprint) when given. */
  start(input: unknown, draft?: Blueprint): Promise<Execution | undefined>;
  stop(): void;
}

const RESUBSCRIBE_ATTEMPTS = 3;

export function useLiveRun(
  api: ApiClient,
  scenarioId: string,
  blueprint: Blueprint | null,
  catalog: Catalog,
): RunOnce {
  const [view, setView] = useState<LiveRun | Execution | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const describeRef = useRef<(id: number) => ModuleInfo>(() => ({ module: '', label: '' }));
  describeRef.current = (id) => describe(blueprint, catalog, id);

  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(
    async (input: unknown, draft?: Blueprint) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setRunning(true);
      try {
        const { executionId } = await api.scenarios.runAsync(scenarioId, input, draft);
        setView(startLiveRun(executionId));
        await follow(api, executionId, controller.signal, (events, fresh) =>
          setView((current) =>
            applyRunEvents(
              !fresh && isLive(current, executionId) ? current : startLiveRun(executionId),
              events,
              describeRef.current,
            ),
          ),
        );
        if (controller.signal.aborted) return undefined;
        const execution = await api.executions.get(executionId);
        setView(execution);
        return execution;
      } finally {
        if (abort.current === controller) setRunning(false);
      }
    },
    [api, scenarioId],
  );

  const stop = useCallback(() => {
    const current = view;
    if (current && 'executionId' in current && current.status === 'running')
      void api.executions.stop(current.executionId).catch(() => undefined);
  }, [api, view]);

  return { view, running, start, stop };
}

// Reads the stream until execution.finished. A dropped connection subscribes again; the server
// replays the run's events from the start, so the picture is rebuilt (`fresh`).
async function follow(
  api: ApiClient,
  executionId: string,
  signal: AbortSignal,
  apply: (events: RunEvent[], fresh: boolean) => void,
): Promise<void> {
  for (let attempt = 0; attempt < RESUBSCRIBE_ATTEMPTS && !signal.aborted; attempt++) {
    let finished = false;
    const batch = frameBatcher((events, first) => apply(events, first && attempt > 0));
    try {
      await api.executions.events(
        executionId,
        (event) => {
          if (event.type === 'execution.finished') finished = true;
          batch.push(event);
        },
        signal,
      );
    } catch (err) {
      if (signal.aborted) return;
      if (attempt === RESUBSCRIBE_ATTEMPTS - 1) throw err;
    } finally {
      batch.flush();
    }
    if (finished) return;
  }
}

function frameBatcher(apply: (events: RunEvent[], first: boolean) => void) {
  let queue: RunEvent[] = [];
  let scheduled = false;
  let first = true;
  const flush = () => {
    scheduled = false;
    if (!queue.length) return;
    const events = queue;
    queue = [];
    apply(events, first);
    first = false;
  };
  const schedule =
    typeof requestAnimationFrame === 'function'
      ? (fn: () => void) => requestAnimationFrame(fn)
      : (fn: () => void) => setTimeout(fn, 16);
  return {
    push(event: RunEvent) {
      queue.push(event);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}

function isLive(view: LiveRun | Execution | null, executionId: string): view is LiveRun {
  return view !== null && 'executionId' in view && view.executionId === executionId;
}

function describe(blueprint: Blueprint | null, catalog: Catalog, id: number): ModuleInfo {
  const node = blueprint ? findModuleNode(blueprint, id) : undefined;
  const entry = node ? findModule(catalog, node.module) : undefined;
  return {
    module: node?.module ?? '',
    label: node?.metadata?.designer?.name || entry?.module.label || node?.module || `Module ${id}`,
  };
}
