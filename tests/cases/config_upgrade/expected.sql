-- migration: config_v3_upgrade_Bot_persona (non-transactional)
-- specguard: upgrade the documents of Bot.persona to persona version 3, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   upgrade the documents of Bot.persona to persona version 3

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 bigint;
  upto_0 bigint;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "id" INTO specguard_backfill.upto_0 FROM (
      SELECT "id" FROM "Bot" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Bot" SET "persona" = (SELECT s6.d FROM (SELECT ("persona" - '$version'::text) AS d, (("persona" -> '$version'::text)::text)::integer AS v) AS s0
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN s0.d ? 'mood'::text THEN (s0.d - 'mood'::text) || jsonb_build_object('tone'::text, s0.d -> 'mood'::text) ELSE s0.d END ELSE s0.d END AS d) AS s1
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN (s1.d - 'legacy'::text) ELSE s1.d END AS d) AS s2
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN NOT (s2.d ? 'tone'::text) THEN s2.d WHEN ((s2.d -> 'tone'::text) = '"cheerful"'::jsonb) THEN jsonb_set(s2.d, ARRAY['tone'::text], '"friendly"'::jsonb) ELSE s2.d END ELSE s2.d END AS d) AS s3
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN CASE WHEN NOT (s3.d ? 'level'::text) THEN s3.d WHEN ((s3.d -> 'level'::text) = '"1.5"'::jsonb OR (jsonb_typeof((s3.d -> 'level'::text)) = 'number' AND strpos((s3.d -> 'level'::text)::text, '.') > 0 AND (s3.d -> 'level'::text)::numeric >= 1.49999999999999988897769753748434595763683319091796875 AND (s3.d -> 'level'::text)::numeric <= 1.50000000000000011102230246251565404236316680908203125)) THEN jsonb_set(s3.d, ARRAY['level'::text], '2'::jsonb) WHEN ((s3.d -> 'level'::text) = '"3"'::jsonb OR (jsonb_typeof((s3.d -> 'level'::text)) = 'number' AND (s3.d -> 'level'::text)::text = '3'::text)) THEN jsonb_set(s3.d, ARRAY['level'::text], '4'::jsonb) ELSE s3.d END ELSE s3.d END AS d) AS s4
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN jsonb_set(s4.d, ARRAY['limits'::text], '{"tokens":512}'::jsonb) ELSE s4.d END AS d) AS s5
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN (SELECT CASE WHEN jsonb_typeof(t1.x) = 'object' THEN '{"tags":[],"tone":"calm"}'::jsonb || t1.x || CASE WHEN t1.x ? 'limits'::text THEN jsonb_build_object('limits'::text, (SELECT CASE WHEN jsonb_typeof(t2.x) = 'object' THEN '{"tokens":256}'::jsonb || t2.x ELSE t2.x END FROM (SELECT (t1.x -> 'limits'::text) AS x) AS t2)) ELSE '{}'::jsonb END ELSE t1.x END FROM (SELECT s5.d AS x) AS t1) ELSE s5.d END AS d) AS s6) || jsonb_build_object('$version'::text, 3)
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND (jsonb_typeof("persona") = 'object' AND ("persona" -> '$version'::text)::text IN ('1'::text, '2'::text));
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Bot (persona to persona version 3): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;

-- migration: config_v3_upgrade_Bot_style (non-transactional)
-- specguard: upgrade the documents of Bot.style to persona version 3, in batches that each commit (alone: a DO block that commits per batch must be its file's only statement)
--   upgrade the documents of Bot.style to persona version 3

DO $specguard$
#variable_conflict use_column
<<specguard_backfill>>
DECLARE
  total bigint := 0;
  n bigint;
  last_0 bigint;
  upto_0 bigint;
BEGIN
  LOOP
    PERFORM set_config('lock_timeout', '5s', true);
    PERFORM set_config('statement_timeout', '60s', true);
    SELECT "id" INTO specguard_backfill.upto_0 FROM (
      SELECT "id" FROM "Bot" WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) ORDER BY "id" LIMIT 1000
    ) AS batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN specguard_backfill.upto_0 IS NULL;
    UPDATE "Bot" SET "style" = (SELECT s6.d FROM (SELECT "style" AS d, "styleVersion" AS v) AS s0
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN s0.d ? 'mood'::text THEN (s0.d - 'mood'::text) || jsonb_build_object('tone'::text, s0.d -> 'mood'::text) ELSE s0.d END ELSE s0.d END AS d) AS s1
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN (s1.d - 'legacy'::text) ELSE s1.d END AS d) AS s2
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 2 THEN CASE WHEN NOT (s2.d ? 'tone'::text) THEN s2.d WHEN ((s2.d -> 'tone'::text) = '"cheerful"'::jsonb) THEN jsonb_set(s2.d, ARRAY['tone'::text], '"friendly"'::jsonb) ELSE s2.d END ELSE s2.d END AS d) AS s3
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN CASE WHEN NOT (s3.d ? 'level'::text) THEN s3.d WHEN ((s3.d -> 'level'::text) = '"1.5"'::jsonb OR (jsonb_typeof((s3.d -> 'level'::text)) = 'number' AND strpos((s3.d -> 'level'::text)::text, '.') > 0 AND (s3.d -> 'level'::text)::numeric >= 1.49999999999999988897769753748434595763683319091796875 AND (s3.d -> 'level'::text)::numeric <= 1.50000000000000011102230246251565404236316680908203125)) THEN jsonb_set(s3.d, ARRAY['level'::text], '2'::jsonb) WHEN ((s3.d -> 'level'::text) = '"3"'::jsonb OR (jsonb_typeof((s3.d -> 'level'::text)) = 'number' AND (s3.d -> 'level'::text)::text = '3'::text)) THEN jsonb_set(s3.d, ARRAY['level'::text], '4'::jsonb) ELSE s3.d END ELSE s3.d END AS d) AS s4
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN jsonb_set(s4.d, ARRAY['limits'::text], '{"tokens":512}'::jsonb) ELSE s4.d END AS d) AS s5
   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < 3 THEN (SELECT CASE WHEN jsonb_typeof(t1.x) = 'object' THEN '{"tags":[],"tone":"calm"}'::jsonb || t1.x || CASE WHEN t1.x ? 'limits'::text THEN jsonb_build_object('limits'::text, (SELECT CASE WHEN jsonb_typeof(t2.x) = 'object' THEN '{"tokens":256}'::jsonb || t2.x ELSE t2.x END FROM (SELECT (t1.x -> 'limits'::text) AS x) AS t2)) ELSE '{}'::jsonb END ELSE t1.x END FROM (SELECT s5.d AS x) AS t1) ELSE s5.d END AS d) AS s6), "styleVersion" = 3
      WHERE (specguard_backfill.last_0 IS NULL OR "id" > specguard_backfill.last_0) AND "id" <= specguard_backfill.upto_0 AND (jsonb_typeof("style") = 'object' AND "styleVersion" IN (1, 2));
    GET DIAGNOSTICS specguard_backfill.n = ROW_COUNT;
    specguard_backfill.total := specguard_backfill.total + specguard_backfill.n;
    specguard_backfill.last_0 := specguard_backfill.upto_0;
    RAISE NOTICE 'specguard backfill Bot (style to persona version 3): % rows updated', specguard_backfill.total;
    COMMIT;
  END LOOP;
END
$specguard$;
