export { importBlueprint, type ImportResult } from './import-blueprint';
export { BlueprintImportError, type ConnectionToChoose, type ImportReport } from './report';
export { translateIml, looksLikeIml, type Translation } from './iml-translate';
export { detectFormat, markerProblem, type Detection } from './detect';
