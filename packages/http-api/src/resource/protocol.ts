// The pure protocol functions the handlers use, gathered from the query and body modules.

export * from '../body/index.ts';
export * from '../query/index.ts';
