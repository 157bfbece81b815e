export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'nongsan-demo';
