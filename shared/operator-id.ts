import { z } from 'zod';

/** An operator id: short, typeable on a counter keypad (`jinka operator add` and the sign-in call both check it). */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The one schema for an operator id crossing a boundary: nothing else can name an operator, so nothing else is counted. */
export const operatorIdSchema = z.string().regex(OPERATOR_ID_PATTERN, 'an operator id: 1 to 64 of A-Z a-z 0-9 _ . -');
