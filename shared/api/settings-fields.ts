import { z } from 'zod';
import { gateSettingsSchema, scannerSettingsSchema } from '../hardware/hardware-settings.js';
import { serviceIdSchema } from '../request-fields.js';
import { sitePolicySchema } from '../rules/rules-schema.js';
import { terminalIdSchema } from '../terminal-id.js';

/**
 * Each terminal setting's schema, defined once: the settings.set call, the settings form
 * and the reading of stored settings all check a field with these. The §6 policy fields
 * are the site policy's own (shared/rules/rules-schema.ts), so a limit the rules accept
 * is a limit the counter accepts.
 */
export const SETTINGS_FIELDS = {
  siteName: z.string().trim().min(1).max(100),
  terminalId: z.string().trim().pipe(terminalIdSchema),
  service: serviceIdSchema,
  kiosk: z.boolean(),
  gateMode: z.boolean(),
  requireIdCheck: z.boolean(),
  autoReturnSeconds: z.number().int().min(2).max(600),
  operatorIdleMinutes: z.number().int().min(1).max(480),
  supervisorIdleMinutes: z.number().int().min(1).max(60),
  duplicateWindowSeconds: sitePolicySchema.shape.duplicateWindowSeconds,
  listStaleHours: sitePolicySchema.shape.listStaleHours,
  escalate: sitePolicySchema.shape.escalate.unwrap(),
  cameraDeviceId: z.string().max(512).nullable(),
  cameraLabel: z.string().max(200).nullable(),
  sounds: z.boolean(),
  language: z.enum(['zh', 'en']),
  gate: gateSettingsSchema,
  scanner: scannerSettingsSchema,
} as const;
