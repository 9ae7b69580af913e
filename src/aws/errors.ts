// Turns SDK and network errors into what the user should know and do. Never includes credentials.
import type { AwsErrorInfo } from './types';

export interface ErrorContext {
  /** The endpoint URL in use, to name its host when it cannot be reached. */
  endpoint?: string;
  profile?: string;
  region?: string;
}

export function describeAwsError(_error: unknown, _context: ErrorContext = {}): AwsErrorInfo {
  throw new Error('not implemented');
}

/** An Error whose message is the user-facing one, keeping the kind and the original error as cause. */
export class AwsError extends Error {
  constructor(readonly info: AwsErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'AwsError';
  }
}
