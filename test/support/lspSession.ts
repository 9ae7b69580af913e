// A scripted LSP client over a child process's stdio, the way an editor such as Neovim talks to
// `greengrass-ml lsp --stdio`: Content-Length framed JSON-RPC, answers to the server's own requests
// (workspace/configuration, client/registerCapability) and a log of every notification it sent.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | undefined;
  method?: string | undefined;
  params?: unknown | undefined;
  result?: unknown | undefined;
  error?: { code: number; message: string } | undefined;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    codeDescription?: { href: string };
    source?: string;
    message: string;
    relatedInformation?: { location: { uri: string; range: unknown }; message: string }[];
  }[];
}

export class LspSession {
  readonly process: ChildProcessWithoutNullStreams;
  readonly notifications: Message[] = [];
  readonly stderr: string[] = [];
  /** What the session answers to workspace/configuration (per scopeUri: the same for all). */
  settings: unknown = { enable: true, rules: {} };
  /** Every workspace/configuration request the server sent. */
  readonly configurationRequests: unknown[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number | string, { resolve(m: Message): void }>();
  private readonly waiters: { test(m: Message): boolean; resolve(m: Message): void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], cwd: string) {
    this.process = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isFinite(length)) throw new Error(`A message without Content-Length from the server: ${header}`);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.answer(message);
      return;
    }
    if (message.method === undefined && message.id !== undefined) {
      this.pending.get(message.id)?.resolve(message);
      this.pending.delete(message.id);
      return;
    }
    this.notifications.push(message);
    for (const w of [...this.waiters]) {
      if (w.test(message)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }

  private answer(request: Message): void {
    let result: unknown = null;
    if (request.method === 'workspace/configuration') {
      this.configurationRequests.push(request.params);
      const items = (request.params as { items: unknown[] }).items;
      result = items.map(() => this.settings);
    }
    this.write({ jsonrpc: '2.0', id: request.id, result });
  }

  private write(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request<T>(method: string, params: unknown, timeoutMs = 15_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No answer to ${method} within ${timeoutMs} ms; server stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.pending.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          if (m.error) reject(new Error(`${method} failed: ${m.error.message}`));
          else resolve(m.result as T);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request and returns its id without waiting (to cancel it). */
  requestRaw(method: string, params: unknown): { id: number; answer: Promise<Message> } {
    const id = this.nextId++;
    const answer = new Promise<Message>((resolve) => this.pending.set(id, { resolve }));
    this.write({ jsonrpc: '2.0', id, method, params });
    return { id, answer };
  }

  notify(method: string, params?: unknown): void {
    this.write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** The next notification (after this call, or already received when `past` is true) that passes `test`. */
  waitFor(what: string, test: (m: Message) => boolean, timeoutMs = 15_000, past = false): Promise<Message> {
    if (past) {
      const seen = this.notifications.find(test);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}; notifications: ${this.notifications.map((n) => n.method).join(', ')}; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** The next diagnostics published for `uri` that pass `test`. */
  async diagnostics(uri: string, test: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs?: number): Promise<PublishedDiagnostics> {
    const m = await this.waitFor(`diagnostics of ${uri}`, (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishedDiagnostics).uri === uri && test(n.params as PublishedDiagnostics), timeoutMs);
    return m.params as PublishedDiagnostics;
  }

  /** All diagnostics published so far for `uri`, in order. */
  published(uri: string): PublishedDiagnostics[] {
    return this.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishedDiagnostics).uri === uri)
      .map((n) => n.params as PublishedDiagnostics);
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }
}

export interface Position { line: number; character: number }
export interface TextEdit { range: { start: Position; end: Position }; newText: string }

/** The offset of an LSP position in a text (UTF-16 code units, as LSP positions are). */
export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** The text an editor has after applying a workspace edit's edits to one document. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** The text a range of a document covers. */
export function textOf(text: string, range: { start: Position; end: Position }): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** The LSP position of an offset in a text. */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The rule codes of published diagnostics, sorted. */
export const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code)).sort();

/** What an editor such as Neovim announces, unless a test says otherwise. */
export const EDITOR_CAPABILITIES = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
};

export interface StdioSessionOptions {
  /** Whether the server scans the workspace for Greengrass files (default: no, only open documents are linted). */
  scanWorkspace?: boolean | undefined;
  capabilities?: unknown;
  initializationOptions?: Record<string, unknown> | undefined;
}

export interface InitializeResult {
  capabilities: { codeActionProvider?: unknown; textDocumentSync?: unknown };
  serverInfo?: { name: string };
}

/**
 * Starts `node <cli> lsp --stdio` in `dir` with `dir` as the one workspace folder, and initializes it as an editor
 * does: `initialize`, then `initialized`.
 */
export async function startStdioSession(cli: string, dir: string, options: StdioSessionOptions = {}): Promise<{ session: LspSession; init: InitializeResult }> {
  const session = new LspSession(process.execPath, [cli, 'lsp', '--stdio'], dir);
  try {
    const init = await session.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: { scanWorkspace: options.scanWorkspace ?? false, ...options.initializationOptions },
    });
    session.notify('initialized', {});
    return { session, init };
  } catch (error) {
    session.kill();
    throw error;
  }
}

/** Opens a document in the session (`textDocument/didOpen`); returns its URI. */
export function openDocument(session: LspSession, path: string, text: string, languageId = 'json', version = 1): string {
  const uri = pathToFileURL(path).href;
  session.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  return uri;
}
