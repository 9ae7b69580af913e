export * from './plan';
export * from './contents';
