// Connection commands: the status bar's menu, and the welcome view's "Choose a Profile" and "Use a Local Endpoint".
import { inputEndpoint, pickConnectionChange, pickProfile, pickRegion } from '../connection/pickers';
import { explorerOf } from '../views/explorer';
import type { CommandFactory } from './index';

export const connectionCommands: Record<string, CommandFactory> = {
  'greengrassMl.switchConnection': (f) => () => pickConnectionChange(explorerOf(f).connection),
  'greengrassMl.chooseProfile': (f) => () => pickProfile(explorerOf(f).connection),
  'greengrassMl.chooseRegion': (f) => () => pickRegion(explorerOf(f).connection),
  'greengrassMl.setEndpoint': (f) => (value?: unknown) =>
    inputEndpoint(explorerOf(f).connection, typeof value === 'string' ? value : undefined),
};
