/**
 * A request-token id claimed in one round trip (hub/store/postgres/pg-token-id-repo.ts): the
 * terminal's lock, the sweep of its ids past their time, the replay and room checks and the
 * insert, as one function. Called as one statement outside any unit, it runs at READ COMMITTED,
 * and each statement in it reads after the lock is held, so it sees every claim of the
 * terminal that committed before (the lock is released at commit). PostgreSQL only: SQLite's
 * claim runs in-process. Additive: the table (migration 5) is unchanged.
 */
export const pgMigration0009 = `
CREATE FUNCTION jinka_claim_token_id(lock_class INTEGER, terminal TEXT, token_jti TEXT, keep BIGINT, now_sec BIGINT, per_terminal INTEGER)
RETURNS TEXT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  held BIGINT;
  taken INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_class, hashtext(terminal));
  DELETE FROM token_ids WHERE terminal_id = terminal AND keep_until < now_sec;
  IF EXISTS (SELECT 1 FROM token_ids WHERE terminal_id = terminal AND jti = token_jti) THEN
    RETURN 'replayed';
  END IF;
  SELECT count(*) INTO held FROM token_ids WHERE terminal_id = terminal;
  IF held >= per_terminal THEN
    RETURN 'full';
  END IF;
  INSERT INTO token_ids(terminal_id, jti, keep_until) VALUES (terminal, token_jti, keep) ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS taken = ROW_COUNT;
  RETURN CASE WHEN taken = 1 THEN 'fresh' ELSE 'replayed' END;
END
$$;
`;
