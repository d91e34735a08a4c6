/** What an import kept, changed and could not carry over, for the user to review. */
export interface ImportReport {
  format: 'integrator' | 'make';
  /** Modules this installation does not have: kept as placeholders, never dropped. */
  unknownModules: Array<{ id: number; module: string; path: string }>;
  /** Modules whose Make connection id (__IMTCONN__ etc.) cannot carry over. */
  connectionsToChoose: Array<{ id: number; module: string; path: string }>;
  translatedExpressions: Array<{ path: string; from: string; to: string }>;
  untranslatable: Array<{ path: string; expression: string; reason: string }>;
  /** Make settings the module here does not have: taken out, each also named in the notes. */
  dropped: Array<{ id: number; module: string; path: string; value: unknown }>;
  notes: string[];
}

export function emptyReport(format: ImportReport['format']): ImportReport {
  return {
    format,
    unknownModules: [],
    connectionsToChoose: [],
    translatedExpressions: [],
    untranslatable: [],
    dropped: [],
    notes: [],
  };
}

/** Input that is not a blueprint at all; the message starts with the field at fault. */
export class BlueprintImportError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'BlueprintImportError';
  }
}
