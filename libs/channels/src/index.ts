export { ChannelsModule } from './channels.module.js';
export { ConnectionsService } from './connections/connections.service.js';
export { ChannelHealthDigest } from './connections/channel-health-digest.js';
export { ChannelRegistry, CHANNEL_PLATFORMS } from './adapters/registry.js';
export type { ChannelAdapter, AdapterResult, ChannelContext, ChannelCredentials, DesiredListing, ExternalOrder, PlatformInfo } from './adapters/channel-adapter.js';
