export { ChannelsModule } from './channels.module.js';
export { CHANNEL_ERRORS, type ChannelErrorCode } from './channels.errors.js';
export { ConnectionsService } from './connections/connections.service.js';
export { ChannelHealthDigest } from './connections/channel-health-digest.js';
export { CHANNEL_PLATFORMS } from './adapters/registry.js';
