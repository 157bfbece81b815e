export { UptakeModule } from './uptake.module.js';
export { bucketStarts } from './uptake.service.js';
