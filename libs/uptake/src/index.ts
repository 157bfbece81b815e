export { UptakeModule } from './uptake.module.js';
export { bucketStarts } from './period-cover.js';
