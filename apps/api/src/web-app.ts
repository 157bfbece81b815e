import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the API owns; everything else that is not a file is a page of the web app. */
const SERVER_PATHS = /^\/(api|health|metrics|feeds)(\/|$)/;

/**
 * Serves the built web app (apps/web → dist/web) at `/`: hashed assets cached for a year,
 * index.html never cached (so a deploy is seen at once), and the SPA's own routes
 * (`/products/<slug>`, `/cart`…) answered with index.html. Returns false when there is no build,
 * so `/` can fall back to the API docs for a developer who only built the server.
 */
export function serveWebApp(http: express.Express, webDir: string): boolean {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  const web = express.Router();
  // Only the app's files: a phone on 3G should not download 250 kB where 80 kB would do.
  web.use(compression());
  web.use('/assets', express.static(path.join(webDir, 'assets'), { index: false, fallthrough: false, immutable: true, maxAge: '365d' }));
  web.use(express.static(webDir, { index: false, maxAge: '1h' }));
  web.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path) || path.extname(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  http.use((request: Request, response: Response, next: NextFunction) => (SERVER_PATHS.test(request.path) ? next() : web(request, response, next)));
  return true;
}
