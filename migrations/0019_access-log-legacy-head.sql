-- Entries written before the chains were signed form the 'platform' chain: its head is recorded here,
-- unsigned; the server signs it at its next start (see signUnsignedHeads in src/platform/access-log).
INSERT INTO "access_log_head" ("chain", "seq", "hash", "signature")
SELECT 'platform', "seq", "hash", '' FROM "access_log" WHERE "chain" = 'platform' ORDER BY "seq" DESC LIMIT 1
ON CONFLICT ("chain") DO NOTHING;
