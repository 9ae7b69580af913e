// The local endpoint's control side (/ggml-emu): core devices, the pace of deployments, throttling.
import { endpoint } from './seeded';

export interface EmulatorSettings {
  /** Seconds per step: V2 devices QUEUED → IN_PROGRESS → SUCCEEDED/FAILED, component versions REQUESTED → DEPLOYABLE/FAILED, V1 InProgress → end. */
  stepSeconds?: number;
  /** V1 deployments: 'stay' InProgress (moto's behaviour, unless a name asks for an outcome) or 'finish' with Success. */
  v1Deployments?: 'stay' | 'finish';
}

export interface RegisteredCoreDevice {
  coreDeviceThingName: string;
  thingArn: string;
  thingGroupArns: string[];
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${endpoint()}/ggml-emu${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`The endpoint's control answered ${r.status} to ${path}: ${text}`);
  return JSON.parse(text) as T;
}

export const emulatorSettings = (changes: EmulatorSettings): Promise<EmulatorSettings> => control('/settings', changes);

/** A core device (and its IoT thing, and thing groups that do not exist yet), as a device's first connection leaves it. */
export const registerCoreDevice = (device: {
  coreDeviceThingName: string; thingGroupNames?: string[]; platform?: string; architecture?: string; coreVersion?: string;
}): Promise<RegisteredCoreDevice> => control('/core-devices', device);

/** The next `count` requests (of the named operations, or any) are answered with ThrottlingException. */
export const throttleNext = (count: number, operations?: string[]): Promise<unknown> => control('/throttle', { count, ...(operations ? { operations } : {}) });

export const rawControl = (path: string, body?: unknown): Promise<Response> => fetch(`${endpoint()}/ggml-emu${path}`, body === undefined ? {} : {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

/** Polls `read` until `done` holds, or fails after `timeoutMs` with the last value. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}
