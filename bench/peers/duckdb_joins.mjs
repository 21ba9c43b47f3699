#!/usr/bin/env node
// The DuckDB peer of bench/joins.sh: the joins of dti verify, compare and
// merge done by DuckDB (npm @duckdb/node-api, embedded, all cores), on the
// inputs of bench/joins_data.py and method qd922's points.
//
//     node duckdb_joins.mjs verify SCORES.csv PUBLISHED.csv > rows.csv
//     node duckdb_joins.mjs compare OLD.csv NEW.csv > changes.csv
//     node duckdb_joins.mjs merge SCORES.csv CROSSWALK.csv > merged.csv
//
// Each writes one CSV row per joined record, as dti writes one per figure or
// unit (verify: the status last, for joins.sh to count beside dti's).
// Scores are exact: values become integers in 10^-4, and a measure is
// (2 * points + max) // (2 * max), rounded half away from zero like dti.
//
// @duckdb/node-api is the one the shared harness installs
// (../../../shared/bench/run.sh setup) into $DTI_BENCH_CACHE/npm, default
// ${XDG_CACHE_HOME:-$HOME/.cache}/dti-bench/npm; this script only loads it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const CACHE = process.env.DTI_BENCH_CACHE ||
  join(process.env.XDG_CACHE_HOME || join(process.env.HOME || '/tmp', '.cache'), 'dti-bench');
const NPM_DIR = join(CACHE, 'npm');
if (!existsSync(join(NPM_DIR, 'node_modules', '@duckdb', 'node-api'))) {
  process.stderr.write(`duckdb_joins: no @duckdb/node-api in ${NPM_DIR} ` +
    '(install it with the shared harness: run.sh setup)\n');
  process.exit(2);
}
const { DuckDBInstance } = createRequire(join(NPM_DIR, 'package.json'))('@duckdb/node-api');

// Method qd922: the 8 indices and their points; each measure adds the five
// foundation indices and its activity indices.
const INDICES = { nhan_thuc_so: 100, the_che_so: 100, ha_tang_so: 100, nhan_luc_so: 100,
  an_toan_thong_tin: 100, hd_chinh_quyen_so: 200, hd_kinh_te_so: 150, hd_xa_hoi_so: 150 };
const FOUNDATION = Object.keys(INDICES).slice(0, 5);
const MEASURES = {
  dti: [...FOUNDATION, 'hd_chinh_quyen_so', 'hd_kinh_te_so', 'hd_xa_hoi_so'],
  chinh_quyen_so: [...FOUNDATION, 'hd_chinh_quyen_so'],
  kinh_te_so: [...FOUNDATION, 'hd_kinh_te_so'],
  xa_hoi_so: [...FOUNDATION, 'hd_xa_hoi_so'],
};
const IDS = Object.keys(INDICES);

const str = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const readCsv = (file, types) => `read_csv(${str(file)}, header = true, delim = ',', ` +
  `quote = '"', escape = '"', types = {${Object.entries(types)
    .map(([k, t]) => `${str(k)}: ${str(t)}`).join(', ')}})`;
const scoreTypes = { code: 'VARCHAR', name: 'VARCHAR',
  ...Object.fromEntries(IDS.map((i) => [i, 'DECIMAL(18,4)'])) };

// A measure's rounded score (in 10^-4) from the index values v_ID (10^-4).
function scoreSql(measure) {
  const num = MEASURES[measure].map((i) => `v_${i} * ${INDICES[i]}`).join(' + ');
  const den = MEASURES[measure].reduce((a, i) => a + INDICES[i], 0);
  return `(2 * (${num}) + ${den}) // ${2 * den} AS q_${measure}`;
}

// The same from the sums s_ID (10^-4) of the values of n units, as dti
// merges: each mean first rounded half up to 10^-18, as HUGEINT.
function mergedScoreSql(measure) {
  const mean = (i) => `(2 * CAST(s_${i} AS HUGEINT) * 100000000000000 + n) // (2 * n)`;
  const num = MEASURES[measure].map((i) => `${mean(i)} * ${INDICES[i]}`).join(' + ');
  const den = BigInt(MEASURES[measure].reduce((a, i) => a + INDICES[i], 0)) * 10n ** 14n;
  return `CAST((2 * (${num}) + ${den}) // ${2n * den} AS BIGINT) AS q_${measure}`;
}
const valuesSql = IDS.map((i) => `CAST(${i} * 10000 AS BIGINT) AS v_${i}`).join(', ');
const ranksSql = Object.keys(MEASURES)
  .map((m) => `rank() OVER (ORDER BY q_${m} DESC) AS r_${m}`).join(', ');
const fmt = (q) => `printf('%.4f', (${q}) / 10000)`;

// A table `name` of scored units of file: code, name, v_*, q_*, r_*.
const scoredTable = (name, file) => `
  CREATE TEMP TABLE ${name} AS
  WITH v AS (SELECT code, name, ${valuesSql} FROM ${readCsv(file, scoreTypes)}),
       q AS (SELECT *, ${Object.keys(MEASURES).map((m) => scoreSql(m)).join(', ')} FROM v)
  SELECT *, ${ranksSql} FROM q`;

function verifySql(scores, published) {
  // Every figure in long form: measures with ranks, indices without.
  const figures = [
    ...Object.keys(MEASURES).map((m) => `SELECT code, '${m}' AS measure, q_${m} AS q, ` +
      `r_${m} AS r FROM s`),
    ...IDS.map((i) => `SELECT code, '${i}', v_${i}, NULL FROM s`),
    ...Object.keys(MEASURES).map((m) => `SELECT '(provincial mean)', 'mean_${m}', ` +
      `CAST(round(avg(q_${m})) AS BIGINT), NULL FROM s`),
  ].join(' UNION ALL ');
  return [scoredTable('s', scores), `
  COPY (
    WITH f AS (${figures}),
         p AS (SELECT row_number() OVER () AS line, * FROM ${readCsv(published,
           { year: 'INTEGER', province: 'VARCHAR', measure: 'VARCHAR', value: 'VARCHAR',
             rank: 'VARCHAR' })}),
         j AS (
           SELECT p.line, p.province, p.measure, p.value AS published, ${fmt('f.q')} AS computed,
                  p.rank AS published_rank, f.r AS rank,
                  CASE WHEN f.q IS NULL THEN 'missing'
                       WHEN abs(CAST(p.value AS DECIMAL(18,8)) - f.q / 10000) > 0.0001
                            OR (p.rank <> '' AND CAST(p.rank AS BIGINT) IS DISTINCT FROM f.r)
                         THEN 'differ'
                       ELSE 'match' END AS status
           FROM p LEFT JOIN f ON p.province = f.code AND p.measure = f.measure)
    SELECT * FROM j ORDER BY line
  ) TO '/dev/stdout' (FORMAT csv, HEADER true)`];
}

function compareSql(oldFile, newFile) {
  const cols = [...Object.keys(MEASURES), ...IDS].map((m) => {
    const o = m in MEASURES ? `o.q_${m}` : `o.v_${m}`;
    const n = m in MEASURES ? `n.q_${m}` : `n.v_${m}`;
    const ranks = m in MEASURES ? `, o.r_${m} AS ${m}_old_rank, n.r_${m} AS ${m}_new_rank, ` +
      `o.r_${m} - n.r_${m} AS ${m}_change_rank` : '';
    return `${fmt(o)} AS ${m}_old, ${fmt(n)} AS ${m}_new, ${fmt(`${n} - ${o}`)} AS ${m}_change` +
      ranks;
  }).join(',\n           ');
  return [scoredTable('o', oldFile), scoredTable('n', newFile), `
  COPY (
    SELECT coalesce(n.code, o.code) AS code, coalesce(n.name, o.name) AS name,
           CASE WHEN o.code IS NULL THEN 'entered' WHEN n.code IS NULL THEN 'left'
                ELSE 'both' END AS status,
           ${cols}
    FROM o FULL OUTER JOIN n ON o.code = n.code
    ORDER BY CASE WHEN o.code IS NULL THEN 1 WHEN n.code IS NULL THEN 2 ELSE 0 END,
             coalesce(n.r_dti, o.r_dti), code
  ) TO '/dev/stdout' (FORMAT csv, HEADER true)`];
}

function mergeSql(scores, crosswalk) {
  const sums = IDS.map((i) => `sum(CAST(d.${i} * 10000 AS BIGINT)) AS s_${i}`).join(', ');
  const scoresSql = Object.keys(MEASURES).map((m) => mergedScoreSql(m)).join(', ');
  return [`
  CREATE TEMP TABLE m AS
  WITH d AS (SELECT * FROM ${readCsv(scores, scoreTypes)}),
       c AS (SELECT * FROM ${readCsv(crosswalk,
         { old_code: 'VARCHAR', new_code: 'VARCHAR', new_name: 'VARCHAR' })}),
       g AS (SELECT c.new_code AS code, any_value(c.new_name) AS name, count(*) AS n, ${sums}
             FROM d JOIN c ON d.code = c.old_code GROUP BY c.new_code),
       q AS (SELECT code, name, ${scoresSql} FROM g)
  SELECT *, ${ranksSql} FROM q`,
  `COPY (
    SELECT r_dti AS rank, code, name, ${Object.keys(MEASURES).map((m) => `${fmt(`q_${m}`)} AS ${m}`)
      .join(', ')}
    FROM m ORDER BY q_dti DESC, code
  ) TO '/dev/stdout' (FORMAT csv, HEADER true)`];
}

const [mode, a, b] = process.argv.slice(2);
const build = { verify: verifySql, compare: compareSql, merge: mergeSql }[mode];
if (!build || !a || !b) {
  process.stderr.write('usage: duckdb_joins.mjs verify|compare|merge FILE FILE\n');
  process.exit(2);
}
const con = await (await DuckDBInstance.create(':memory:')).connect();
for (const sql of build(a, b))
  await con.run(sql);
