// The HTTP handler every client uses: the SDK's NodeHttpHandler with limits on everything a misbehaving endpoint
// can stretch. A connection must open in time, the answer's headers must come in time, the socket may not idle,
// the body must finish arriving in time and may not exceed a size limit (no call of this extension downloads
// anything large: API answers are small), and every failure names the host it came from.
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';

type Handle = NodeHttpHandler['handle'];
type HttpRequest = Parameters<Handle>[0];
type HandlerOptions = Parameters<Handle>[1];
type HandlerResult = Awaited<ReturnType<Handle>>;

export interface HttpLimits {
  /** Milliseconds to open a connection. */
  connectionTimeoutMs: number;
  /** Milliseconds from the start of a request (its body included) to the answer's headers. */
  requestTimeoutMs: number;
  /** Milliseconds the socket may stay silent in either direction: an endpoint that stalls. */
  idleTimeoutMs: number;
  /** Milliseconds from the answer's headers to the end of its body: an endpoint that drips. */
  bodyTimeoutMs: number;
  /** Bytes an answer's body may have. */
  maxResponseBytes: number;
}

/** The host (and port) a failed request went to, kept on the error so that messages can name it. */
const HOST = 'greengrassMlHost';

/** The host a failed request went to, as the handler recorded it on the error or one of its causes. */
export function failedHost(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const host = (e as Record<string, unknown>)[HOST];
    if (typeof host === 'string') return host;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function withHost<T>(error: T, host: string): T {
  if (error && typeof error === 'object' && !Object.prototype.hasOwnProperty.call(error, HOST)) {
    try {
      Object.defineProperty(error, HOST, { value: host, enumerable: false });
    } catch {
      // A frozen error keeps its own text.
    }
  }
  return error;
}

/** The answer was larger than the limit: the body was not read. */
export function responseTooLarge(limit: number, declared?: number): Error {
  return Object.assign(new Error(`The endpoint's answer${declared !== undefined ? ` (${declared} bytes)` : ''} is larger than the ${limit} bytes allowed.`), {
    name: 'ResponseTooLarge', code: 'ResponseTooLarge', limit,
  });
}

function bodyTimeout(ms: number): Error {
  return Object.assign(new Error(`The endpoint's answer did not finish arriving within ${ms} ms.`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

export class GuardedHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: NodeHttpHandler;

  constructor(private readonly limits: HttpLimits) {
    this.inner = new NodeHttpHandler({
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without this the handler only warns and keeps waiting for an endpoint that never answers.
      throwOnRequestTimeout: true,
      socketTimeout: limits.idleTimeoutMs,
    });
  }

  async handle(request: HttpRequest, options?: HandlerOptions): Promise<HandlerResult> {
    const host = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
    let result: HandlerResult;
    try {
      result = await this.inner.handle(request, options);
    } catch (error) {
      throw withHost(error, host);
    }
    const body = result.response.body as Readable | undefined;
    if (!body || typeof body.on !== 'function') return result;
    const header = result.response.headers['content-length'] ?? result.response.headers['Content-Length'];
    const declared = header !== undefined ? Number(header) : undefined;
    if (declared !== undefined && Number.isFinite(declared) && declared > this.limits.maxResponseBytes) {
      body.destroy();
      throw withHost(responseTooLarge(this.limits.maxResponseBytes, declared), host);
    }
    result.response.body = bounded(body, this.limits, host);
    return result;
  }

  updateHttpClientConfig(key: Parameters<NodeHttpHandler['updateHttpClientConfig']>[0], value: Parameters<NodeHttpHandler['updateHttpClientConfig']>[1]): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}

/** The body, passed through while it stays under the size limit and arrives before the deadline. */
function bounded(source: Readable, limits: HttpLimits, host: string): Readable {
  const out = new PassThrough();
  let bytes = 0;
  let ended = false;
  const fail = (error: Error): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    source.destroy();
    out.destroy(withHost(error, host));
  };
  const timer = setTimeout(() => fail(bodyTimeout(limits.bodyTimeoutMs)), limits.bodyTimeoutMs);
  timer.unref();
  source.on('data', (chunk: Buffer | string) => {
    bytes += chunk.length;
    if (bytes > limits.maxResponseBytes) return fail(responseTooLarge(limits.maxResponseBytes));
    if (!out.write(chunk)) source.pause();
  });
  out.on('drain', () => source.resume());
  source.on('end', () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    out.end();
  });
  source.on('error', (error: Error) => fail(error));
  source.on('close', () => fail(Object.assign(new Error('The endpoint closed the connection before its answer was complete.'), { name: 'ConnectionClosed', code: 'ECONNRESET' })));
  // The reader stopped (the SDK gave up on the call): let the connection go.
  out.on('close', () => {
    if (!ended) {
      ended = true;
      clearTimeout(timer);
      source.destroy();
    }
  });
  return out;
}
