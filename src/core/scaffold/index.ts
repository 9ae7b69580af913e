// "New Inference Function": answers → handler code and edits to the group's files. Pure (no vscode, no I/O).
export * from './answers';
export * from './handler';
export * from './plan';
export { applyTextEdits } from '../model';
