-- specguard: upgrade the documents of Companion.personalityConfig to personality_config version 3, in batches that each commit (alone: the block commits itself)
--   upgrade the documents of Companion.personalityConfig to personality_config version 3

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 uuid;
  upto_0 uuid;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "id" INTO specguard_backfill.upto_0 FROM (
      SELECT "id" FROM "Companion" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Companion" SET "personalityConfig" = (SELECT s6.d FROM (SELECT ("personalityConfig" - '$version'::text) AS d, (("personalityConfig" -> '$version'::text)::text)::integer AS v) AS s0
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN s0.d ? 'mood'::text THEN (s0.d - 'mood'::text) || jsonb_build_object('tone'::text, s0.d -> 'mood'::text) ELSE s0.d END ELSE s0.d END AS d) AS s1
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN (s1.d - 'legacyFlag'::text) ELSE s1.d END AS d) AS s2
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN NOT (s2.d ? 'tone'::text) THEN s2.d WHEN ((s2.d -> 'tone'::text) = '"cheerful"'::jsonb) THEN jsonb_set(s2.d, ARRAY['tone'::text], '"friendly"'::jsonb) ELSE s2.d END ELSE s2.d END AS d) AS s3
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN (SELECT CASE WHEN jsonb_typeof(t1.x) = 'object' THEN '{"tone":"friendly","traits":[],"verbosity":3}'::jsonb || t1.x ELSE t1.x END FROM (SELECT s3.d AS x) AS t1) ELSE s3.d END AS d) AS s4
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN jsonb_set(s4.d, ARRAY['safety'::text], '{"level":"standard"}'::jsonb) ELSE s4.d END AS d) AS s5
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN (SELECT CASE WHEN jsonb_typeof(t1.x) = 'object' THEN '{"language":"en","tone":"friendly","traits":[],"verbosity":3}'::jsonb || t1.x || CASE WHEN t1.x ? 'safety'::text THEN jsonb_build_object('safety'::text, (SELECT CASE WHEN jsonb_typeof(t2.x) = 'object' THEN '{"blockList":[]}'::jsonb || t2.x ELSE t2.x END FROM (SELECT (t1.x -> 'safety'::text) AS x) AS t2)) ELSE '{}'::jsonb END ELSE t1.x END FROM (SELECT s5.d AS x) AS t1) ELSE s5.d END AS d) AS s6) || jsonb_build_object('$version'::text, 3)
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND (jsonb_typeof("personalityConfig") = 'object' AND ("personalityConfig" -> '$version'::text)::text IN ('1'::text, '2'::text));
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Companion (personalityConfig to personality_config version 3): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;
