/** Why an import was refused; every refusal leaves the terminal as it was (§5). */
export type ImportErrorCode =
  | 'NOT_A_BUNDLE'
  | 'TOO_LARGE'
  | 'TRUST_FILE_REFUSED'
  | 'UNSUPPORTED_ALG'
  | 'UNKNOWN_ISSUER'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_TYPE'
  | 'INVALID'
  | 'NOT_BUREAU'
  | 'REPLAY'
  | 'GAP'
  | 'NO_BUREAU_KEY'
  /** §5 "Key usage": the signing key may not sign this kind of bundle. */
  | 'WRONG_KEY_USE'
  /** §5 "Bounded steps": the version or sequence is further ahead than one bundle may move it. */
  | 'TOO_FAR';

/** A refused import with a message for the operator. */
export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

/** What an import changed. */
export type ImportOutcome =
  | { kind: 'trust-file'; issuers: string[] }
  | { kind: 'revocations'; iss: string; seq: number; base: number; added: number }
  | { kind: 'rules'; version: number }
  | { kind: 'trust'; version: number; issuers: string[] };
