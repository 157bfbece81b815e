import { readBody, startFakeServer, type FakeServer } from './fake-server.js';

export interface ZnsCall {
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  /** The `error` answered: 0 is a message Zalo accepted. */
  error: number;
}

/**
 * Zalo Notification Service's send endpoint, `POST /message/template`, as Zalo documents it:
 * the OA's token in the `access_token` header, a JSON body with `phone` (84 format), `template_id`,
 * `template_data` and `tracking_id`; answers HTTP 200 with `{error, message, data}` — 0 on
 * success, the documented negative codes otherwise (-124 access token invalid, -108 phone
 * invalid, -109 template id invalid, -111/-112 template data empty/invalid). A test can make the
 * next calls fail with -100 (unknown error) or HTTP 503.
 */
export class ZaloZnsFake {
  readonly calls: ZnsCall[] = [];
  private failures: Array<'unknown' | 'http503'> = [];
  private sent = 0;

  private constructor(
    private readonly server: FakeServer,
    /** The OA's current token; a test changes it to play a token that expired. */
    public accessToken: string,
    private readonly templates: Set<string>,
  ) {}

  static async start(options: { accessToken: string; templates: string[] }): Promise<ZaloZnsFake> {
    let fake: ZaloZnsFake | undefined;
    const server = await startFakeServer(
      async (req, res) => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/message/template') return answer(404, { error: -106, message: 'Method unsupported' });
        const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
        const call = (error: number, message: string) => {
          fake!.calls.push({
            phone: String(body.phone),
            templateId: String(body.template_id),
            templateData: (body.template_data ?? {}) as Record<string, string>,
            trackingId: String(body.tracking_id),
            error,
          });
          answer(
            200,
            error === 0
              ? {
                  error: 0,
                  message: 'Success',
                  data: { msg_id: `msg${++fake!.sent}`, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } },
                }
              : { error, message },
          );
        };
        if (req.headers.access_token !== fake!.accessToken) return call(-124, 'Access token invalid');
        const failure = fake!.failures.shift();
        if (failure === 'http503') return answer(503, { error: -100, message: 'Unknown error' });
        if (failure === 'unknown') return call(-100, 'Unknown error');
        if (typeof body.phone !== 'string' || !/^84\d{9,10}$/.test(body.phone)) return call(-108, 'Phone number invalid');
        if (!fake!.templates.has(String(body.template_id))) return call(-109, 'Template ID invalid');
        const data = body.template_data;
        if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return call(-111, 'Template data empty');
        if (Object.values(data).some((v) => typeof v !== 'string')) return call(-112, 'Template data invalid');
        if (typeof body.tracking_id !== 'string' || body.tracking_id.length === 0 || body.tracking_id.length > 48) return call(-112, 'Template data invalid');
        call(0, 'Success');
      },
      (error) => ({ error: -100, message: String(error) }),
    );
    fake = new ZaloZnsFake(server, options.accessToken, new Set(options.templates));
    return fake;
  }

  get baseUrl(): string {
    return this.server.origin;
  }

  /** The next calls fail, in this order, before the fake answers normally again. */
  failNext(...failures: Array<'unknown' | 'http503'>): void {
    this.failures.push(...failures);
  }

  accepted(): ZnsCall[] {
    return this.calls.filter((c) => c.error === 0);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
