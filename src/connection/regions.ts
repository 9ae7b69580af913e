/** The regions where AWS IoT Greengrass V1 has a cloud endpoint, with their names, for the region picker. */
export { GREENGRASS_V1_REGION_NAMES as GREENGRASS_V1_REGIONS } from '../core/model';
