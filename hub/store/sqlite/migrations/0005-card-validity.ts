/**
 * Another issuer's card (the province's Huicai card) shows the hub its validity only through the
 * uses terminals upload: each use keeps the token's nbf (NumericDate, seconds) a terminal sent
 * with it, so the hub bounds a use's stamp by it and counts card-years from it; a foreign issuer
 * keeps when it was registered here, the earliest a use of its cards without nbf may be stamped.
 */
export const migration0005 = `
ALTER TABLE uses ADD COLUMN card_nbf INTEGER;
ALTER TABLE uses ADD COLUMN card_exp INTEGER;
ALTER TABLE foreign_issuers ADD COLUMN registered_ms INTEGER;
`;
