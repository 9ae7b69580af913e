// The Greengrass V2 explorer's view of the cloud (core devices, deployments, components): the types live with the
// model in src/core/v2/cloudTypes.ts, so that the explorer's wording (src/core/v2/labels.ts) is plain core code.
export type * from '../../core/v2/cloudTypes';
