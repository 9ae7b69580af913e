// The AWS layer: loaded on first cloud use (its own bundle, dist/aws.js), never at activation.
export { describeEndpoint } from './endpoint';
