import { identifierChains, javaToStrftime, leadingKeyword, mysqlToStrftime, translateSql } from './translate';

describe('Trino to DuckDB', () => {
  it.each([
    ['SELECT approx_distinct(author) FROM t', 'SELECT approx_count_distinct(author) FROM t'],
    ['SELECT approx_percentile(score, 0.9) FROM t', 'SELECT approx_quantile(score,0.9) FROM t'],
    ["SELECT date_add('day', 1, ts)", 'SELECT (ts + to_days(CAST(1 AS BIGINT)))'],
    ["SELECT date_add('quarter', n, ts)", 'SELECT (ts + to_months(3 * CAST(n AS BIGINT)))'],
    ["SELECT date_diff('hour', a, b)", "SELECT date_sub('hour',a,b)"],
    ["SELECT from_iso8601_timestamp(time)", 'SELECT CAST(time AS TIMESTAMPTZ)'],
    ["SELECT date_format(ts, '%Y-%m-%d %H:%i')", "SELECT strftime(ts,'%Y-%m-%d %H:%M')"],
    ["SELECT format_datetime(ts, 'yyyy-MM-dd''T''HH')", "SELECT strftime(ts,'%Y-%m-%dT%H')"],
    ["SELECT regexp_replace(text, '(\\w+)@', '$1 at ')", "SELECT regexp_replace(text,'(\\w+)@','\\1 at ','g')"],
    ['SELECT cardinality(detail.analysis.images)', 'SELECT len(detail.analysis.images)'],
    ["SELECT json_extract_scalar(detail, '$.MessageId')", "SELECT json_extract_string(detail,'$.MessageId')"],
    ['SELECT element_at(m, \'k\')', "SELECT (m)['k']"],
    ['SELECT any_match(tags, x -> x = \'a\')', "SELECT (len(list_filter(tags,x -> x = 'a')) > 0)"],
    ['SELECT cardinality(filter(a, x -> x > approx_distinct(y)))', 'SELECT len(list_filter(a,x -> x > approx_count_distinct(y)))'],
  ])('%s', (trino, duck) => {
    expect(translateSql(trino)).toBe(duck);
  });

  it('leaves strings, quoted identifiers, comments and member calls alone', () => {
    const sql = `SELECT 'approx_distinct(x)', "cardinality" -- approx_distinct(y)\nFROM t /* date_add('day', 1, x) */ WHERE s.contains(1)`;
    expect(translateSql(sql)).toBe(sql);
  });

  it('keeps what DuckDB shares with Trino: CROSS JOIN UNNEST, struct fields by dot, windows', () => {
    const sql = `WITH m AS (SELECT detail, row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC) AS copy FROM analysed_messages)
SELECT label.name, count(*) FROM m CROSS JOIN UNNEST(detail.analysis.images) AS i (image) CROSS JOIN UNNEST(image.labels) AS l (label) GROUP BY label.name`;
    expect(translateSql(sql)).toBe(sql);
  });

  it('turns backquoted identifiers into double-quoted ones', () => {
    expect(translateSql('SELECT `detail-type` FROM `db`.`t`')).toBe('SELECT "detail-type" FROM "db"."t"');
  });

  it('refuses what it cannot translate faithfully, naming the function', () => {
    expect(() => translateSql('SELECT reduce(a, 0, (s, x) -> s + x, s -> s)')).toThrow(/NOT_SUPPORTED: reduce\(\) is not supported/);
    expect(() => translateSql("SELECT date_format(ts, fmt)")).toThrow(/format must be a string literal/);
    expect(() => translateSql("SELECT date_add(unit, 1, ts)")).toThrow(/INVALID_FUNCTION_ARGUMENT/);
    expect(() => translateSql("SELECT 'unterminated")).toThrow(/SYNTAX_ERROR/);
  });

  it('converts date format specifiers', () => {
    expect(mysqlToStrftime('%Y-%m-%d %H:%i:%s %p %W %%')).toBe('%Y-%m-%d %H:%M:%S %p %A %%');
    expect(javaToStrftime("yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe('%Y-%m-%dT%H:%M:%S.%g');
    expect(() => mysqlToStrftime('%X')).toThrow('%X');
  });

  it('reads the statement kind and the identifiers a query names', () => {
    expect(leadingKeyword('  -- c\n with x as (select 1) select * from x')).toBe('WITH');
    expect(identifierChains('SELECT a.b FROM "AwsDataCatalog"."sma"."Events" e JOIN sma.analysed_messages m ON 1=1')).toEqual(
      expect.arrayContaining([['AwsDataCatalog', 'sma', 'Events'], ['sma', 'analysed_messages'], ['a', 'b']]),
    );
  });
});
