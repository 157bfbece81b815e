import { FaultInjector, type FakeServer, type FaultOptions } from './fake-server.js';

/** What every carrier's fake (GHN, GHTK) does the same way: where it listens, the faults a test injects, closing with held answers let go. */
export abstract class CarrierFake {
  readonly faults = new FaultInjector();

  protected constructor(protected readonly server: FakeServer) {}

  get baseUrl(): string {
    return this.server.origin;
  }

  injectFaults(options: FaultOptions): void {
    this.faults.inject(options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  close(): Promise<void> {
    this.faults.endHeld();
    return this.server.close();
  }
}
