/** What an import kept, changed and could not carry over, for the user to review. */
export interface ImportReport {
  format: 'integrator' | 'make';
  /** Modules this installation does not have: kept as placeholders, never dropped. */
  unknownModules: Array<{ id: number; module: string; path: string }>;
  /** Modules whose Make connection id (__IMTCONN__, a keychain…) cannot carry over. */
  connectionsToChoose: ConnectionToChoose[];
  translatedExpressions: Array<{ path: string; from: string; to: string }>;
  untranslatable: Array<{ path: string; expression: string; reason: string }>;
  /** Make settings the module here does not have: taken out, each also named in the notes. */
  dropped: Array<{ id: number; module: string; path: string; value: unknown }>;
  notes: string[];
}

export interface ConnectionToChoose {
  id: number;
  module: string;
  path: string;
  /** Our connection types that fit (any one), when the module knows. */
  types?: string[];
  /** Where Make kept the credential (a keychain or account id), e.g. "parameters.auth". */
  makeParameter?: string;
  /** Make's module key, when it differs from ours. */
  makeModule?: string;
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
