import { useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { AppMetadata } from '@integrator/sdk';
import type { ImportReport } from '../../api/types';
import { pathLabel } from '../../components/field-labels';
import { useLoad } from '../../components/use-load';
import { friendlyPaths } from '../../run/friendly-error';
import { Drawer } from '../../components/drawer';
import { errorMap } from '../../components/errors';
import { TextField } from '../../components/fields';
import { NoteLine } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useSession } from '../../shell/session';

// Import a blueprint file (ours or one exported from Make): the server converts it and says
// which modules it does not know and what needs fixing before the scenario can run.

export function ImportDrawer({ folder: initialFolder, onClose }: { folder: string; onClose(): void }) {
  const { api } = useSession();
  const [file, setFile] = useState<{ name: string; blueprint: Record<string, unknown> } | null>(null);
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [folder, setFolder] = useState(initialFolder);
  const [report, setReport] = useState<ImportReport | null>(null);
  const action = useAction();
  const fields = errorMap(action.error);
  // The report names modules and fields as the editor does, from the catalog.
  const apps = useLoad(() => api.apps.list(), [api]);

  const read = async (picked: File | undefined) => {
    setFile(null);
    setReport(null);
    setFileProblem(undefined);
    if (!picked) return;
    try {
      // Editors on Windows save a byte-order mark; JSON.parse would refuse it.
      const value: unknown = JSON.parse((await picked.text()).replace(/^\uFEFF/, ''));
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new Error('the file does not hold a blueprint object');
      setFile({ name: picked.name, blueprint: value as Record<string, unknown> });
      if (!name && typeof (value as { name?: unknown }).name === 'string')
        setName((value as { name: string }).name);
    } catch (err) {
      setFileProblem(
        err instanceof SyntaxError
          ? `is not JSON: ${err.message}`
          : err instanceof Error
            ? err.message
            : String(err),
      );
    }
  };
  const submit = () =>
    action.run(async () => {
      if (!file) return;
      const answer = await api.scenarios.import({
        blueprint: file.blueprint as unknown as Blueprint,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(folder.trim() ? { folder: folder.trim() } : {}),
      });
      setReport(answer);
      return `Imported as "${answer.scenario.name}".`;
    });

  return (
    <Drawer title="Import a blueprint" onClose={onClose}>
      <div className={`field${fileProblem || fields.get('blueprint') ? ' has-error' : ''}`}>
        <label htmlFor="import-file">Blueprint file (.json)</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => void read(e.target.files?.[0])}
          aria-describedby={fileProblem ? 'import-file-error' : undefined}
        />
        {(fileProblem || fields.get('blueprint')) && (
          <p className="field-error" id="import-file-error" role="alert">
            {fileProblem ?? fields.get('blueprint')}
          </p>
        )}
      </div>
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={fields.get('name')}
        help="Leave empty to keep the blueprint's name."
      />
      <TextField label="Folder" value={folder} onChange={setFolder} error={fields.get('folder')} />
      <NoteLine note={action.note} />
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => void submit()}
          disabled={!file || action.busy}
        >
          Import
        </button>
      </div>
      {report && <ImportResult report={report} catalog={apps.data ?? []} />}
    </Drawer>
  );
}

function ImportResult({ report, catalog }: { report: ImportReport; catalog: readonly AppMetadata[] }) {
  const { unknownModules, connectionsToChoose, untranslatable, notes } = report.report;
  const issues = report.scenario.issues ?? [];
  // "flow[1].mapper.text" → "Set variable (module 2), Text"; a path naming no module, in words.
  const place = (path: string) => {
    const named = friendlyPaths(path, report.scenario.blueprint, catalog);
    return named === path ? pathLabel(path) : named;
  };
  const clean =
    !unknownModules.length && !connectionsToChoose.length && !untranslatable.length && !issues.length;
  return (
    <section aria-label="Import report" className="import-report">
      <ReportList
        title="Modules this installation does not have"
        items={unknownModules.map((m) => [`Module ${m.id}: `, m.module])}
      />
      <ReportList
        title="Connections to choose"
        items={connectionsToChoose.map((m) => [`Module ${m.id}: `, m.module])}
      />
      <ReportList
        title="Expressions to rewrite by hand"
        items={untranslatable.map((u) => [`${place(u.path)}: ${u.reason} `, u.expression])}
      />
      <ReportList
        title="To fix before it can run"
        items={issues.map((i) => [`${place(i.path)}: ${i.message}`])}
      />
      <ReportList title="Notes" items={notes.map((n) => [n])} />
      {clean && <p>The blueprint imported without problems.</p>}
      <a className="button primary" href={`#/scenarios/${encodeURIComponent(String(report.scenario.id))}`}>
        Open the scenario
      </a>
    </section>
  );
}

/** A titled list of report lines: text, then an optional code part (a module key, a path). */
function ReportList({ title, items }: { title: string; items: Array<[string, string?]> }) {
  if (!items.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {items.map(([text, code], i) => (
          <li key={i}>
            {text}
            {code !== undefined && <code>{code}</code>}
          </li>
        ))}
      </ul>
    </>
  );
}
