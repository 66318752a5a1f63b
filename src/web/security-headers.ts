import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Pages load only this site's scripts and styles; nothing inline, no framing. */
const strict = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
});

/** Swagger UI injects its own inline styles and boot script; it gets a looser policy of its own. */
const apiDocs = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
});

/**
 * HSTS only on responses that went over HTTPS (directly, or through a proxy TRUST_PROXY names):
 * over plain HTTP the header is meaningless, and on a development or intranet host without TLS
 * it would pin browsers to an HTTPS that does not exist.
 */
const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    (req.path.startsWith('/api/docs') ? apiDocs : strict)(req, res, next);
  };
}
