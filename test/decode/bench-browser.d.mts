import type { Browser, BrowserContext, Page } from 'playwright-core';

export const PAGE_DIR: string;
export function buildBenchPage(options?: { outDir?: string }): Promise<string>;
export function startServer(options: { mounts: Record<string, string>; files?: Map<string, Uint8Array>; csp: string }): Promise<{ origin: string; close(): Promise<void> }>;
export function launchChromium(): Promise<Browser>;
export function openBenchPage(
  browser: Browser,
  origin: string,
): Promise<{ page: Page; context: BrowserContext; requests: string[]; blocked: string[]; errors: string[] }>;
