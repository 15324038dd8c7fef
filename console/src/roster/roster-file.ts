import { ROSTER_LIMITS, type RosterUploadRequest } from '../../../shared/console/card-api.js';

/** The format a chosen file's name says, or undefined for anything but .csv and .xlsx (an old .xls, a PDF, …). */
export function rosterFormat(fileName: string): RosterUploadRequest['format'] | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return undefined;
}

/** Bytes as base64, in slices (a 2 MiB file would overflow the argument list in one call). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export type ChosenRoster = { ok: true; upload: RosterUploadRequest } | { ok: false; why: 'type' | 'size' };

/**
 * The upload for a chosen file, checked for type and size before anything is sent. The file's own
 * name is not sent (it may hold an ID number; the hub ignores it anyway): only `roster.csv` or
 * `roster.xlsx`.
 */
export async function readRoster(file: File): Promise<ChosenRoster> {
  const format = rosterFormat(file.name);
  if (format === undefined) return { ok: false, why: 'type' };
  if (file.size > ROSTER_LIMITS.maxFileBytes) return { ok: false, why: 'size' };
  const data = base64(new Uint8Array(await file.arrayBuffer()));
  return { ok: true, upload: { format, fileName: `roster.${format}`, data } };
}
