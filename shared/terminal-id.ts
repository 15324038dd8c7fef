import { z } from 'zod';

/** A terminal id: what the bureau's hub and the counter's status bar call this terminal. */
export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The one schema for a terminal id crossing a boundary (settings, enrolment request, stored enrolment). */
export const terminalIdSchema = z.string().regex(TERMINAL_ID_PATTERN);
