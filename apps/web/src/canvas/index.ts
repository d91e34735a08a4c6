// The canvas model: pure functions from a blueprint to the drawn graph, and edits on it.
export * from './branch-edits';
export * from './catalog';
export * from './clipboard';
export * from './edits';
export * from './graph-types';
export * from './history';
export * from './insert';
export * from './layout';
export * from './to-graph';
export { branchLabel } from './to-graph-branches';
export {
  allModules,
  EditError,
  findModuleNode,
  findPlace,
  maxId,
  modulePath,
  type FlowRef,
  type Place,
} from './tree';
export { earlierModules, mergeSources } from './earlier-modules';
export { moduleWarnings, dismissWarnings } from './warnings';
