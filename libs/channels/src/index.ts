export { ChannelsModule } from './channels.module.js';
export { CHANNEL_ERRORS, type ChannelErrorCode } from './channels.errors.js';
export { ConnectionsService } from './connections/connections.service.js';
export { ChannelHealthDigest } from './connections/channel-health-digest.js';
export { ChannelRegistry } from './adapters/registry.js';
export type { ChannelAdapter, AdapterResult, ChannelContext, ChannelCredentials, DesiredListing, ExternalOrder, PlatformInfo } from './adapters/channel-adapter.js';
