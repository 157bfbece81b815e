export { startRuntime, ensureDatabase, type Runtime } from './runtime.js';
export { startEmbeddedS3, type EmbeddedS3 } from './embedded-s3.js';
export { EmbeddedPostgres } from './embedded-postgres.js';
export { runProcess, say, type Started } from './process.js';
export { findFreePort } from './free-port.js';
