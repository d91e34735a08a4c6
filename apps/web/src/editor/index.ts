export { ScenarioEditor, type ScenarioEditorProps } from './scenario-editor';
export { useHistory, type HistoryControls } from './use-history';
export { operatorGroups, operatorLabel } from './operator-options';
