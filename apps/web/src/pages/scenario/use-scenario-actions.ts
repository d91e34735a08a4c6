import { useState } from 'react';
import { ApiError, type ApiClient } from '../../api/client';
import type { Execution, FieldError } from '../../api/types';
import { downloadJson, safeFileName } from '../../components/download';
import { formatDuration, plural } from '../../components/format';
import type { Note } from '../../components/page-parts';
import { friendlyMessage, moduleFields } from '../../run/friendly-error';
import { singleModuleBlueprint } from './module-run-drawer';
import type { RunOnce } from './use-live-run';
import { withSettings, type ScenarioState } from './use-scenario';

// The editor page's commands: save, run once (unsaved edits run as a draft), switch on and
// off (a 409 lists what blocks it), and export the blueprint.

export function useScenarioActions(api: ApiClient, s: ScenarioState, run: RunOnce) {
  const [blockers, setBlockers] = useState<FieldError[] | null>(null);
  const scenario = s.scenario;

  const save = () =>
    s.perform(async () => {
      const answer = await s.save();
      if (answer) s.setNote({ text: `Saved as version ${answer.version}`, tone: 'success' });
    });
  const runOnce = (input: unknown) =>
    s.perform(async () => {
      // Unsaved edits run as a draft, as in Make and n8n: trying a change never publishes it to
      // the schedule or the webhook of an active scenario. Saving stays a separate step.
      const draft = s.blueprintDirty && s.blueprint ? withSettings(s.blueprint, s.settings) : undefined;
      const execution = await run.start(input, draft);
      if (execution) s.setNote(runNote(execution, say));
    });
  const runModule = (id: number, bundle: Record<string, unknown>) =>
    s.perform(async () => {
      if (!s.blueprint) return;
      const draft = withSettings(singleModuleBlueprint(s.blueprint, id, bundle), s.settings);
      const execution = await run.start(undefined, draft);
      if (execution) s.setNote(runNote(execution, say));
    });
  const say = (id: number, message: string) =>
    friendlyMessage(message, moduleFields(s.blueprint, s.catalog, id));
  const toggleActive = () =>
    s.perform(async () => {
      if (!scenario) return;
      setBlockers(null);
      try {
        const answer = scenario.active
          ? await api.scenarios.deactivate(scenario.id)
          : await api.scenarios.activate(scenario.id);
        s.setScenario(answer);
        s.setNote({
          text: answer.active ? 'The scenario is active.' : 'The scenario is switched off.',
          tone: 'success',
        });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) setBlockers(err.fields);
        throw err;
      }
    });
  const exportBlueprint = () =>
    s.perform(async () => {
      if (!scenario) return;
      downloadJson(
        `${safeFileName(s.name || scenario.name)}.blueprint.json`,
        await api.scenarios.exportBlueprint(scenario.id),
      );
    });
  return { save, runOnce, runModule, toggleActive, exportBlueprint, blockers };
}

/** The run's outcome; `say` puts an error in the user's words (field labels for paths). */
export function runNote(
  execution: Execution,
  say: (moduleId: number, message: string) => string = (_, m) => m,
): Note {
  const summary =
    `${plural(execution.operations, 'operation')} in ${formatDuration(execution.durationMs)}` +
    (execution.draft ? ', unsaved changes included (not saved)' : '');
  if (execution.status === 'error') {
    const error = execution.error;
    const where = error?.moduleId !== undefined ? ` in module ${error.moduleId}` : '';
    const message = error
      ? error.moduleId !== undefined
        ? say(error.moduleId, error.message)
        : error.message
      : 'see the module marked in red';
    return {
      text: `The run failed${where}: ${message} (${summary})`,
      tone: 'error',
    };
  }
  return {
    text: `Run finished with ${execution.status}: ${summary}`,
    tone: execution.status === 'success' ? 'success' : 'info',
  };
}
