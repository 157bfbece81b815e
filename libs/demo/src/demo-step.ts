export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'nongsan-demo';

/** What a step may ask of the run it is part of. */
export interface DemoSeedRun {
  /** Every login the demo prints, the run's own accounts first. */
  readonly logins: DemoLogin[];
  /** The one hash of the demo password every demo account shares. */
  passwordHash(): Promise<string>;
}

/** A step of the demo data. Steps must be idempotent. */
export interface DemoSeedStep {
  readonly name: string;
  /** Accounts the step creates that are worth printing at start. */
  readonly logins: DemoLogin[];
  run(seed: DemoSeedRun): Promise<void>;
}
