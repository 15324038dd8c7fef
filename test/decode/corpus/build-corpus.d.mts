import type { FrameSpec, QrModules } from './corpus-spec.mjs';

export const REPO_ROOT: string;
export const CORPUS_DIR: string;
export function loadCardTokens(): string[];
export function qrModules(token: string): QrModules;
export function corpusDir(split?: 'measure' | 'tune' | 'tune-2' | 'tune-3' | 'tune-4' | 'tune-5'): string;
export function ensureCorpus(options?: { log?: (line: string) => void; split?: 'measure' | 'tune' | 'tune-2' | 'tune-3' | 'tune-4' | 'tune-5' }): Promise<{
  key: string;
  tokens: number;
  frames: Array<FrameSpec & { file: string; token: string | null; geometry: unknown }>;
}>;
