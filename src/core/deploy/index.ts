// Deployment planning from the group files: pure, VS Code-free and I/O-free. The lint gate (./lint) is imported
// on its own by its users (the AWS layer, the language server), so the extension bundle does not carry the engine.
export * from './bulk';
export * from './edits';
export * from './group';
export * from './status';
export * from './functionArn';
export * from './refresh';
export * from './details';
