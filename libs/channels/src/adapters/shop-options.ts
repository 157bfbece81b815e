/**
 * The settings a shop's items are listed with come from what the shop offers (its shipping channels,
 * its warehouses), read from the platform: a new connection starts with the preferred ones, and the
 * seller may pick others from the same list, never by typing an id.
 */
import type { ChannelSettings, ShopOptions } from './channel-adapter.js';

/** The settings a connection starts with: every preferred shipping channel, the preferred warehouse (else the first). */
export function preferredSettings(options: ShopOptions): ChannelSettings {
  const settings: ChannelSettings = {};
  if (options.logistics?.length) settings.logisticIds = options.logistics.filter((choice) => choice.preferred).map((choice) => choice.id);
  const warehouse = options.warehouses?.find((choice) => choice.preferred) ?? options.warehouses?.[0];
  if (warehouse) settings.warehouseId = warehouse.id;
  return settings;
}

/** What the seller picked that the shop does not offer, by field: an id from elsewhere is refused, not stored. */
export function choiceProblems(options: ShopOptions, picked: Pick<ChannelSettings, 'logisticIds' | 'warehouseId'>): Array<'logisticIds' | 'warehouseId'> {
  const problems: Array<'logisticIds' | 'warehouseId'> = [];
  if (picked.logisticIds !== undefined) {
    const offered = new Set((options.logistics ?? []).map((choice) => choice.id));
    if (picked.logisticIds.length === 0 || picked.logisticIds.some((id) => !offered.has(id))) problems.push('logisticIds');
  }
  if (picked.warehouseId !== undefined && !(options.warehouses ?? []).some((choice) => choice.id === picked.warehouseId)) problems.push('warehouseId');
  return problems;
}
