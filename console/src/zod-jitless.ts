import { z } from 'zod';

// The console's CSP forbids eval: zod must not probe for it (the probe is a CSP violation the
// browser reports). Imported first by main.tsx, because zod decides when each object schema is
// built, at import time of the contracts in shared/.
z.config({ jitless: true });
