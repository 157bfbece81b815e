import { useEffect, useState } from 'react';
import { api, type Schemas } from '../api/client';

export type Channel = Schemas['ChannelConnectionDto'];
export type Listing = Schemas['ChannelListingDto'];
export type ListingStatus = Listing['status'];

/** What a product shows per shop: the worst of its variants' listings, and why it failed. */
export interface ProductOnChannel {
  status: ListingStatus;
  reason: string | null;
}

const WORST_FIRST: ListingStatus[] = ['failed', 'pending', 'delisted', 'synced'];
/** Enough pages for a cooperative's whole catalogue without walking a runaway list. */
const MAX_PAGES = 10;

/**
 * Each connected shop's listings, folded per product: "is my product on Shopee yet, and if not,
 * why?" answered beside every product in the list.
 */
export function useListingsByProduct(cooperativeId: string, language: string): { channels: Channel[]; byChannel: Map<string, Map<string, ProductOnChannel>> } {
  const [state, setState] = useState<{ channels: Channel[]; byChannel: Map<string, Map<string, ProductOnChannel>> }>({ channels: [], byChannel: new Map() });
  useEffect(() => {
    let live = true;
    (async () => {
      const { data: channels } = await api.GET('/api/v1/cooperatives/{id}/channels', { params: { path: { id: cooperativeId } } });
      const shops = (channels ?? []).filter((c) => c.kind === 'api' && c.status !== 'disconnected');
      const byChannel = new Map<string, Map<string, ProductOnChannel>>();
      for (const shop of shops) {
        const products = new Map<string, ProductOnChannel>();
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const { data } = await api.GET('/api/v1/channels/{id}/listings', {
            params: { path: { id: shop.id }, query: { limit: 100, cursor }, header: { 'accept-language': language } },
          });
          for (const listing of data?.items ?? []) {
            const known = products.get(listing.productId);
            if (!known || WORST_FIRST.indexOf(listing.status) < WORST_FIRST.indexOf(known.status))
              products.set(listing.productId, { status: listing.status, reason: listing.lastError });
          }
          if (!data?.nextCursor) break;
          cursor = data.nextCursor;
        }
        byChannel.set(shop.id, products);
      }
      if (live) setState({ channels: shops, byChannel });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [cooperativeId, language]);
  return state;
}
