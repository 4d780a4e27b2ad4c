// Imported first by every demo entry: under `script-src 'self'` without 'unsafe-eval' (and with Trusted Types),
// zod must never try `new Function`. ES modules run in import order, so this runs before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
