import { z } from 'zod';

/**
 * Characters a reason may not hold: control characters (C0, DEL, C1: line breaks, terminal
 * escape codes) and the bidirectional overrides and isolates that reorder what a reader sees.
 * A reason is shown in audit readers, the hub's report and terminals: one line, as typed.
 */
export const HIDDEN_OR_CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Why a supervisor cleared the clock guard: 1–200 characters once trimmed, no control
 * characters, kept in the audit log. The one schema for the CLI, the API and the core.
 */
export const clockResetReasonSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((reason) => !HIDDEN_OR_CONTROL.test(reason), { message: 'no line breaks or control characters' });

/** What a clock-guard reset changed (UTC ms): the latest instant seen before and after. */
export interface ClockReset {
  fromMs: number;
  toMs: number;
}
