export { DemoModule } from './demo.module.js';
export { DemoSeedService } from './demo-seed.service.js';
