// `greengrass-ml lsp --stdio`: the language server the editor extension runs, for any editor that speaks LSP
// (Neovim, Helix, Emacs, Sublime Text…). See docs/language-server.md.

export const LSP_USAGE = `Usage: greengrass-ml lsp --stdio

Runs the Greengrass ML language server on standard input and output: diagnostics and quick fixes for group
manifests, definitions, IAM policies and Python handlers in any editor that speaks the Language Server Protocol.
Settings come from the editor (workspace/configuration, section "greengrassMl.lint": enable, rules).`;

/**
 * Starts the server when the arguments ask for stdio and returns undefined (the process then lives until the
 * editor sends exit); otherwise writes why and returns the exit status.
 */
export function lspCommand(args: readonly string[], io: { out(text: string): void; err(text: string): void }): number | undefined {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(`${LSP_USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--stdio');
  if (unknown.length || !args.includes('--stdio')) {
    io.err(`${unknown.length ? `Unknown option for lsp: ${unknown.join(' ')}` : 'The lsp command needs --stdio (the server talks LSP on standard input and output)'}\n\n${LSP_USAGE}\n`);
    return 2;
  }
  // Loaded only for this command, so `greengrass-ml lint` does not evaluate the server's libraries.
  void import('./server').then(({ startServer }) => import('vscode-languageserver/node').then(({ createConnection, ProposedFeatures }) => {
    startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  }));
  return undefined;
}
