// Deployment planning from the group files: pure, VS Code-free and I/O-free.
export * from './bulk';
export * from './edits';
export * from './group';
export * from './lint';
export * from './status';
export * from './functionArn';
export * from './refresh';
