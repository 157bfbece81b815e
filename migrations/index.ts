import type { MigrationClass } from '@nongsan/core';
import { Foundation1764403200000 } from './1764403200000-foundation.js';
import { AdministrativeUnits1764403300000 } from './1764403300000-administrative-units.js';
import { Seller1764500000000 } from './1764500000000-seller.js';
import { Catalog1764600000000 } from './1764600000000-catalog.js';
import { Jobs1764700000000 } from './1764700000000-jobs.js';
import { Orders1764800000000 } from './1764800000000-orders.js';
import { CardPayments1764900000000 } from './1764900000000-card-payments.js';
import { Payouts1765000000000 } from './1765000000000-payouts.js';
import { Channels1765100000000 } from './1765100000000-channels.js';
import { Feeds1765200000000 } from './1765200000000-feeds.js';
import { Uptake1765300000000 } from './1765300000000-uptake.js';
import { UptakeDirtyDays1765400000000 } from './1765400000000-uptake-dirty-days.js';
import { UptakeWeeksMonths1765450000000 } from './1765450000000-uptake-weeks-months.js';
import { FeedTokenBox1765500000000 } from './1765500000000-feed-token-box.js';
import { OcopVerification1765550000000 } from './1765550000000-ocop-verification.js';
import { StorefrontVisits1765600000000 } from './1765600000000-storefront-visits.js';
import { Money1765610000000 } from './1765610000000-money.js';
import { PayoutAccounts1765620000000 } from './1765620000000-payout-accounts.js';
import { SellerKinds1765630000000 } from './1765630000000-seller-kinds.js';
import { Returns1765640000000 } from './1765640000000-returns.js';
import { RegistrationAttempts1765700000000 } from './1765700000000-registration-attempts.js';
import { ReturnPhotos1765810000000 } from './1765810000000-return-photos.js';
import { NotificationDelivery1765820000000 } from './1765820000000-notification-delivery.js';
import { NotificationPreferences1765821000000 } from './1765821000000-notification-preferences.js';
import { AccountTokens1765822000000 } from './1765822000000-account-tokens.js';
import { CooperativeInvitations1765830000000 } from './1765830000000-cooperative-invitations.js';
import { SearchWords1765900000000 } from './1765900000000-search-words.js';
import { UptakeMinistryCounts1765910000000 } from './1765910000000-uptake-ministry-counts.js';
import { SearchNameTrigrams1765920000000 } from './1765920000000-search-name-trigrams.js';
import { SearchSynonyms1765930000000 } from './1765930000000-search-synonyms.js';
import { ChannelAuthorizations1765950000000 } from './1765950000000-channel-authorizations.js';
import { Delivery1765960000000 } from './1765960000000-delivery.js';
import { OrderShippingQuote1765970000000 } from './1765970000000-order-shipping-quote.js';
import { UptakeMarksPerTransaction1765980000000 } from './1765980000000-uptake-marks-per-transaction.js';
import { SearchNamePostings1765985000000 } from './1765985000000-search-name-postings.js';
import { ChannelConnectionErrorCode1765990000000 } from './1765990000000-channel-connection-error-code.js';
import { ShipmentCancelReturn1766000000000 } from './1766000000000-shipment-cancel-return.js';
import { SearchOrderedTokens1766010000000 } from './1766010000000-search-ordered-tokens.js';

/** Every migration, oldest first. A new migration is a new file plus one line here. */
export const migrations: MigrationClass[] = [
  Foundation1764403200000,
  AdministrativeUnits1764403300000,
  Seller1764500000000,
  Catalog1764600000000,
  Jobs1764700000000,
  Orders1764800000000,
  CardPayments1764900000000,
  Payouts1765000000000,
  Channels1765100000000,
  Feeds1765200000000,
  Uptake1765300000000,
  UptakeDirtyDays1765400000000,
  UptakeWeeksMonths1765450000000,
  FeedTokenBox1765500000000,
  OcopVerification1765550000000,
  StorefrontVisits1765600000000,
  Money1765610000000,
  PayoutAccounts1765620000000,
  SellerKinds1765630000000,
  Returns1765640000000,
  RegistrationAttempts1765700000000,
  ReturnPhotos1765810000000,
  NotificationDelivery1765820000000,
  NotificationPreferences1765821000000,
  AccountTokens1765822000000,
  CooperativeInvitations1765830000000,
  SearchWords1765900000000,
  UptakeMinistryCounts1765910000000,
  SearchNameTrigrams1765920000000,
  SearchSynonyms1765930000000,
  ChannelAuthorizations1765950000000,
  Delivery1765960000000,
  OrderShippingQuote1765970000000,
  UptakeMarksPerTransaction1765980000000,
  SearchNamePostings1765985000000,
  ChannelConnectionErrorCode1765990000000,
  ShipmentCancelReturn1766000000000,
  SearchOrderedTokens1766010000000,
];
