import { api, type Schemas } from '../api/client';

export type Overview = Schemas['SellerOverviewDto'];

/** What needs the cooperative's attention: the home's numbers and the navigation's badge. */
export function getOverview(cooperativeId: string) {
  return api.GET('/api/v1/cooperatives/{id}/overview', { params: { path: { id: cooperativeId } } });
}

/** Issues a new feed link; the old one stops working at once. */
export function replaceFeedLink(channelId: string) {
  return api.POST('/api/v1/channels/{id}/feed-token', { params: { path: { id: channelId } } });
}
