// Connection commands: the status bar's menu, and the welcome view's "Choose a Profile" and "Use a Local Endpoint".
import { inputEndpoint, pickConnectionChange, pickProfile, pickRegion } from '../connection/pickers';
import type { CommandFactory } from './index';

export const connectionCommands: Record<string, CommandFactory> = {
  'greengrassMl.switchConnection': (f) => () => pickConnectionChange(f.connection),
  'greengrassMl.chooseProfile': (f) => () => pickProfile(f.connection),
  'greengrassMl.chooseRegion': (f) => () => pickRegion(f.connection),
  'greengrassMl.setEndpoint': (f) => (value?: unknown) =>
    inputEndpoint(f.connection, typeof value === 'string' ? value : undefined),
};
