// The Region picker's list: the regions where AWS IoT Greengrass V1 has a cloud endpoint (one list, in src/core).
export { GREENGRASS_V1_REGION_NAMES as GREENGRASS_V1_REGIONS } from '../core/model';
