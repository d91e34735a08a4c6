export { CANVAS_READY_MARK, ScenarioEditor, type ScenarioEditorProps } from './scenario-editor';
export { useHistory, type HistoryControls } from './use-history';
export { operatorGroups, operatorLabel } from './operator-options';
