export { UptakeModule } from './uptake.module.js';
