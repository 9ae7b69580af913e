// dist/server.js: the language server as VS Code starts it (node IPC), or any editor with --stdio / --socket=<port>
// / --node-ipc on the command line (vscode-languageserver reads the transport from the arguments).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
