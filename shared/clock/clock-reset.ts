import { z } from 'zod';

/** Why a supervisor cleared the clock guard: 1–200 characters, kept in the audit log. */
export const clockResetReasonSchema = z.string().trim().min(1).max(200);

/** What a clock-guard reset changed (UTC ms): the latest instant seen before and after. */
export interface ClockReset {
  fromMs: number;
  toMs: number;
}
