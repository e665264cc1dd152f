import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, PROBLEM_TYPE } from './problem.js';

/*
 * The web interface: the files `npm run build` writes to dist/web, served by the API's own server at `/`
 * under the same strict CSP (helmet). A client route (`/findings`, `/assets/…` of the UI) that is not a
 * file answers index.html, so a reload or a shared link opens the page; never under /api, where an
 * unknown path stays a problem+json 404.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the web interface's fallback routes: index.html for any client path */
    clientRoute?: boolean;
  }
}

/** where `npm run build` writes the web build: <package>/dist/web, from src/server/plugins or dist/server/plugins alike */
export const DEFAULT_WEB_ROOT = join(import.meta.dirname, '..', '..', '..', 'dist', 'web');

/** paths the SPA never answers: the API, its docs and the server's own endpoints */
const SERVER_PATHS = /^\/(api|healthz|metrics)(\/|$)/;

export async function webPlugin(app: FastifyInstance, root: string | false): Promise<void> {
  const built = root !== false && existsSync(join(root, 'index.html'));
  if (built)
    await app.register(fastifyStatic, {
      root,
      // one route per file of the build (no catch-all of its own): anything else reaches clientRoute below
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // file names under assets/ carry their content hash: they never change
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });

  const clientRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    if (!built)
      return sendProblem(reply, request, {
        type: PROBLEM_TYPE('web-not-built'),
        title: 'Not found',
        status: 404,
        detail: 'the web interface is not built: run `npm run build` (the API is under /api/v1)',
      });
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  // clientRoute: the 405 check (plugins/problem.ts) does not count these as resources of every path
  app.get('/', { schema: { hide: true }, config: { clientRoute: true } }, clientRoute);
  app.get('/*', { schema: { hide: true }, config: { clientRoute: true } }, clientRoute);
}
