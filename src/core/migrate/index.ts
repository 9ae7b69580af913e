// Greengrass V1 → V2 migration: the plan of one group (pure), its report, and writing the files into the workspace.
export * from './plan';
export * from './report';
export * from './v2';
export { analyzeHandler, topicMatches } from './handlers';
export type { HandlerCall, HandlerCallKind, HandlerUse } from './handlers';
export { loadSource, sourceKind, templateGroupNames, MigrationError } from './sources';
export type { EndpointVersion, LoadedSource, LoadOptions } from './sources';
export { writeMigration, existingFiles, plannedFiles, repackAsZip } from './write';
export type { WriteOptions } from './write';
export { migrate, prepareMigration, defaultOutDir } from './run';
export type { MigrateOptions, MigrationResult } from './run';
