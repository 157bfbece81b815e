/**
 * One small interface per carrier (GHN, GHTK…). An adapter speaks one carrier's protocol and
 * nothing else: it never touches the database, never throws for a carrier's answer (results are
 * values), and is given the account's credentials in each call.
 */
import type { PlatformResult } from '@nongsan/core';

export type CarrierCode = 'ghn' | 'ghtk';
export const CARRIER_CODES: readonly CarrierCode[] = ['ghn', 'ghtk'];

/** A cooperative's account with the carrier, opened only in memory. Neither carrier's tokens expire. */
export interface CarrierCredentials {
  token: string;
  /** GHN's shop id (its `ShopId` header); GHTK has none. */
  shopId?: string;
  /** Carriers' tokens do not expire, so there is none (the shared signed client's refresh is never used). */
  refreshToken?: undefined;
}

/**
 * Where a parcel is picked up or delivered, in the carrier's own terms: GHN keys it by its district
 * id and ward code, GHTK by the names of the province, district and ward. Both still use the
 * three-level units abolished on 2025-07-01.
 */
export interface CarrierPlace {
  provinceName: string;
  districtName: string;
  wardName: string;
  /** GHN's ids; absent for a carrier that takes names. */
  districtId?: number;
  wardCode?: string;
}

/** One unit of the carrier's master data (GHN's province / district / ward lists). */
export interface CarrierUnit {
  id: string;
  name: string;
  /** Other spellings the carrier accepts ("TP. Quy Nhơn", "quynhon"). */
  aliases: string[];
  /** The carrier delivers there (not locked). */
  served: boolean;
}

export interface QuoteRequest {
  from: CarrierPlace;
  to: CarrierPlace;
  weightGrams: number;
  /** Declared value of the goods, in đồng (insurance). */
  insuredValue: number;
}

export interface Quote {
  /** Đồng. */
  fee: number;
  /** YYYY-MM-DD, when the carrier says. */
  estimatedDeliveryDate?: string;
}

export interface ShipmentRequest {
  /** Our order's code, sent as the carrier's own client order code: the carrier refuses a second order with it. */
  clientOrderCode: string;
  from: CarrierPlace;
  pickup: { name: string; phone: string; addressLine: string };
  to: CarrierPlace;
  recipient: { name: string; phone: string; addressLine: string };
  weightGrams: number;
  /** Cash the carrier collects from the buyer, in đồng (0 when paid already). */
  codAmount: number;
  insuredValue: number;
  items: Array<{ name: string; code: string; quantity: number; weightGrams: number; price: number }>;
}

export interface BookedShipment {
  trackingNumber: string;
  /** Absent when an earlier booking was found again rather than made: the quoted fee stands. */
  fee?: number;
  estimatedDeliveryDate?: string;
}

/**
 * Our view of where a parcel is; the carriers' many states fold into these. `returning`: the
 * delivery failed and the parcel is on its way back; `returned`: it is back with the cooperative.
 */
export type ShipmentStatus = 'booked' | 'shipped' | 'returning' | 'delivered' | 'returned' | 'cancelled';

/** One status push from the carrier, read from its own wire format. */
export interface CarrierStatusUpdate {
  trackingNumber: string;
  clientOrderCode?: string;
  /** null: a state we do not act on (a failed delivery attempt, a weight change). */
  status: ShipmentStatus | null;
  /** The carrier's own word for it, kept for people. */
  carrierStatus: string;
  at: Date;
  /** Cash the carrier says it collects (or collected) on delivery, when it says. */
  codAmount?: number;
}

export interface WebhookDelivery {
  query: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export interface CarrierInfo {
  carrier: CarrierCode;
  name: string;
}

export interface CarrierAdapter {
  readonly info: CarrierInfo;
  /** Problems with the account fields as typed, before any call (a GHN shop id that is not a number). */
  credentialProblems(credentials: CarrierCredentials): Array<{ field: string; message: string }>;
  /** The carrier's master data, for carriers that key places by their own ids; null for those that take names. */
  masterData(credentials: CarrierCredentials): CarrierMasterData | null;
  quote(credentials: CarrierCredentials, request: QuoteRequest): Promise<PlatformResult<Quote>>;
  /** Books the pickup. An order already booked under `clientOrderCode` (a retry after a lost answer) is found and returned, not booked twice. */
  createShipment(credentials: CarrierCredentials, request: ShipmentRequest): Promise<PlatformResult<BookedShipment>>;
  /** The parcel booked under our `clientOrderCode`; null when the carrier has none (an attempt that never reached it). */
  find(credentials: CarrierCredentials, clientOrderCode: string): Promise<PlatformResult<BookedShipment | null>>;
  /** A refusal (the parcel is already picked up) is a permanent result carrying the carrier's own words. */
  cancel(credentials: CarrierCredentials, trackingNumber: string): Promise<PlatformResult<void>>;
  /** One printable document for these parcels: a URL to open, or the PDF itself. */
  label(credentials: CarrierCredentials, trackingNumbers: string[]): Promise<PlatformResult<{ url: string } | { pdf: Buffer }>>;
  /** The carrier's push as a status update; null when the body is not the carrier's format. */
  readWebhook(delivery: WebhookDelivery): CarrierStatusUpdate | null;
}

export interface CarrierMasterData {
  provinces(): Promise<PlatformResult<CarrierUnit[]>>;
  districts(provinceId: string): Promise<PlatformResult<CarrierUnit[]>>;
  wards(districtId: string): Promise<PlatformResult<CarrierUnit[]>>;
}

/** A route the carrier does not serve: a 4xx to the buyer, not a reason to fall back to the flat fee. */
export const ROUTE_UNSERVED = 'route_unserved';
