import { z } from 'zod';

/** Latest NumericDate accepted: 9999-12-31T23:59:59Z. Later instants cannot be shown as dates and are never genuine. */
export const MAX_NUMERIC_DATE = 253_402_300_799;

/** A JWT NumericDate (RFC 7519): whole seconds since the epoch, within calendar range. */
export const numericDateSchema = z.number().int().min(0).max(MAX_NUMERIC_DATE);
