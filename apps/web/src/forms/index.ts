export { FieldForm, type FieldFormProps } from './field-form';
export { issuesUnder, type ConnectionOption, type FieldIssue, type ResourceOption } from './form-env';
export { formFields, fieldDefaults, type FormField } from './field-meta';
export { mappingSources, type MappingField, type MappingSource, type RunView } from './mapping-sources';
export { templateProblem, expressionProblem, hasMapping } from './expression-check';
export { MAPPING_FUNCTIONS, type MappingFunction } from './functions';
export { MappedInput } from './mapped-input';
