import { z } from 'zod';
import { uploadedText } from './use-body.js';

/** The body of a terminal's `void` audit entry (electron/core/use-void.ts): the use a gate that never opened takes back. */
export const voidBodySchema = z.object({
  use: uploadedText(1, 64),
  reason: z.string().max(1000).default(''),
});

/** The voided use's id, or undefined when the body is not a void. */
export function readVoidBody(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const read = voidBodySchema.safeParse(parsed);
  return read.success ? read.data.use : undefined;
}
