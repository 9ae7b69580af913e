// The domain model every part of the project shares: definition kinds, S3 locations, ARNs, text edits and
// positions, sizes, regions. No `vscode`, no I/O.
export * from './kinds';
export * from './s3uri';
export * from './arn';
export * from './text';
export * from './format';
export * from './regions';
export * from './group';
export * from './folder';
