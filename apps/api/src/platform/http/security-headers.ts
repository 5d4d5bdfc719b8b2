import type { NextFunction, Request, Response } from 'express';

/**
 * No inline scripts may run: text an admin types into a form can never become code in the browser.
 * 'unsafe-eval' is allowed only because ajv (the form validator, shared with the server for an
 * identical verdict) compiles each schema into a function; schemas are checked at save time and ajv
 * escapes every value it puts into generated code. Inline scripts and event handlers stay blocked.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Headers of every response. API answers (JSON, CSV, PDF, evidence files) are `no-store`: they hold
 * an organisation's data and must not stay in a shared or browser cache. With `hsts` (the app runs
 * behind HTTPS, `COOKIE_SECURE=true`) browsers are told to use HTTPS only.
 */
export function securityHeaders(options: { hsts: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    if (options.hsts) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
