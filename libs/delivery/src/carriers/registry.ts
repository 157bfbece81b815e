import { Injectable } from '@nestjs/common';
import { AppConfig, AppException } from '@nongsan/core';
import type { CarrierAdapter, CarrierCode, CarrierInfo } from './carrier-adapter.js';
import { GhnAdapter } from './ghn/ghn.adapter.js';
import { GhtkAdapter } from './ghtk/ghtk.adapter.js';

/** Adding a carrier is a folder under carriers/ and one line here. */
const CARRIERS: Array<(config: AppConfig) => CarrierAdapter> = [
  (config) => new GhnAdapter({ baseUrl: config.delivery.baseUrls.ghn, timeoutMs: config.delivery.requestTimeoutMs }),
  (config) =>
    new GhtkAdapter({ baseUrl: config.delivery.baseUrls.ghtk, clientSource: config.delivery.ghtkClientSource, timeoutMs: config.delivery.requestTimeoutMs }),
];

@Injectable()
export class CarrierRegistry {
  private readonly carriers = new Map<string, CarrierAdapter>();

  constructor(config: AppConfig) {
    for (const create of CARRIERS) {
      const adapter = create(config);
      this.carriers.set(adapter.info.carrier, adapter);
    }
  }

  list(): CarrierInfo[] {
    return [...this.carriers.values()].map((a) => a.info);
  }

  /** The carrier named in a request: an unknown one is a 400 on `carrier` listing the known ones. */
  adapter(carrier: string): CarrierAdapter {
    const adapter = this.carriers.get(carrier);
    if (!adapter)
      throw AppException.validation([{ field: 'carrier', key: 'validation.carrierUnknown', params: { carriers: [...this.carriers.keys()].join(', ') } }]);
    return adapter;
  }

  has(carrier: string): carrier is CarrierCode {
    return this.carriers.has(carrier);
  }
}
