import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatVnd } from '../format';

/** The carriers' names as their customers know them. */
const CARRIER_NAMES: Record<string, string> = { ghn: 'GHN', ghtk: 'GHTK' };

/** A parcel's shipping fee with who priced it: its carrier, or the flat table. */
export function ShippingFee({ shipping }: { shipping: Schemas['ParcelShippingDto'] }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{formatVnd(shipping.fee)}</strong>{' '}
      <span className="muted">
        ({shipping.carrier ? t('cart.shippingCarrier', { carrier: CARRIER_NAMES[shipping.carrier] ?? shipping.carrier }) : t('cart.shippingFlat')})
      </span>
    </>
  );
}
