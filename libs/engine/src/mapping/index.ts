export * from './expression';
export * from './template';
export * from './module-refs';
export { CUSTOM_FUNCTIONS } from './functions';
export { IGNORE, isIgnore } from './ignore';
