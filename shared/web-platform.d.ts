/**
 * The few web-platform globals shared/ may use: Node 20 and every browser the counter
 * runs have them. shared/tsconfig.json has no Node or DOM types, so anything else (Buffer,
 * process, window, document) fails to compile there. The root and build configs exclude
 * this file: they have Node's own declarations.
 */
declare function atob(data: string): string;

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
}

declare function fetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
): Promise<{ status: number; json(): Promise<unknown> }>;
