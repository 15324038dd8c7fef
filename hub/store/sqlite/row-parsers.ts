import { z } from 'zod';
import { publicJwkSchema, type PublicJwk } from '../../../shared/bundles/bundle-schemas.js';
import type { Companions } from '../../../shared/relations.js';

const companionsSchema = z.record(z.string(), z.number().int().min(0));

/** Reads a JWK column; a damaged row fails loudly rather than trusting a bad key. */
export function jwkColumn(text: string): PublicJwk {
  return publicJwkSchema.parse(JSON.parse(text));
}

/** Reads a companions column. */
export function companionsColumn(text: string): Companions {
  return companionsSchema.parse(JSON.parse(text));
}
