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
});

export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') ? apiDocs : strict)(req, res, next);
}
