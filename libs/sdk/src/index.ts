export * from './fields';
export * from './errors';
export * from './http';
export * from './connection';
export * from './module';
export * from './coerce';
export * from './metadata';
export * from './check';
