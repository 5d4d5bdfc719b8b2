import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';

/**
 * The header the web app sends on every call. A page of another origin cannot add a custom header
 * without a CORS preflight, which this API never grants, so its presence proves the request was
 * made by script of our own origin (or by a non-browser client), not by a form or link elsewhere.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'aimsflow';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Refuses (403) a state-changing request authenticated by the session cookie, and a login, unless it
 * carries the CSRF header, its `Sec-Fetch-Site` (when sent) is `same-origin` or `none`, and its
 * `Origin` (when sent) is this server's own origin. A request with a bearer token is not affected:
 * a browser never adds one on its own.
 */
export function csrfProtection(options: {
  /** The session cookie's name: a state change that carries it is checked. */
  sessionCookie: (req: Request) => string;
  /** Paths checked even without the cookie (the login that sets it). Lower case, no trailing slash. */
  alwaysChecked: string[];
}) {
  const always = new Set(options.alwaysChecked);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.header('authorization')?.startsWith('Bearer ')) return next();
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
    const byCookie = cookies?.[options.sessionCookie(req)] !== undefined;
    if (!byCookie && !always.has(normalisedPath(req.path))) return next();
    const reason = csrfRefusal(req);
    if (!reason) return next();
    sendProblem(req, res, problem(403, reason));
  };
}

/** Why the request looks cross-site, or undefined when it is allowed. */
export function csrfRefusal(req: Request): string | undefined {
  const site = req.header('sec-fetch-site');
  if (site !== undefined && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) {
    return `Cross-site request refused (Sec-Fetch-Site: ${site}).`;
  }
  const origin = req.header('origin');
  if (origin !== undefined && origin.toLowerCase() !== ownOrigin(req)) {
    return 'Cross-site request refused: the Origin is not this server.';
  }
  if (req.header(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
    return `Cross-site request refused: send the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}.`;
  }
  return undefined;
}

/**
 * This server's origin as the browser sees it. `req.protocol` and `req.host` honour
 * X-Forwarded-Proto / X-Forwarded-Host only from a proxy that `trust proxy` trusts; otherwise they
 * are the connection's scheme and the Host header.
 */
function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.host}`.toLowerCase();
}

function normalisedPath(path: string): string {
  return path.toLowerCase().replace(/\/+$/, '');
}
