/**
 * Query results as Athena gives them: every value as the text Trino prints
 * (`2.0` for a double, `[Van, Person]` for an array, `{name=Van}` for a row,
 * `2024-05-01 10:00:00.000` for a timestamp), column metadata with Athena's
 * type names, and the CSV Athena writes to the result location (header row,
 * every value quoted, NULL as an empty unquoted field). Pure.
 */
import type { ColumnInfo } from '@aws-sdk/client-athena';
import {
  type DuckDBDateValue,
  type DuckDBDecimalType,
  type DuckDBListType,
  type DuckDBListValue,
  type DuckDBMapType,
  type DuckDBMapValue,
  type DuckDBStructType,
  type DuckDBStructValue,
  type DuckDBTimestampTZValue,
  type DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** Java's Double.toString, which Trino uses for doubles: `2.0`, `0.001`, `1.0E7`, `1.0E-4`. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

function timestampText(micros: bigint, zone?: string): string {
  const ms = Number(micros / 1000n);
  const d = new Date(ms);
  const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
  return zone ? `${text} ${zone}` : text;
}

/** A value as Trino prints it; `undefined` for NULL. */
export function formatValue(value: DuckDBValue, type: DuckDBType): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (type.typeId) {
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return javaDouble(Number(value));
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.TIMESTAMP:
      return timestampText((value as DuckDBTimestampValue).micros);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestampText((value as DuckDBTimestampTZValue).micros, 'UTC');
    case DuckDBTypeId.DATE:
      return (value as DuckDBDateValue).toString();
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const items = (value as DuckDBListValue).items;
      const itemType = (type as DuckDBListType).valueType;
      return `[${items.map((v) => formatValue(v, itemType) ?? 'null').join(', ')}]`;
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const entries = (value as DuckDBStructValue).entries;
      return `{${t.entryNames.map((name, i) => `${name}=${formatValue(entries[name] ?? null, t.entryTypes[i]!) ?? 'null'}`).join(', ')}}`;
    }
    case DuckDBTypeId.MAP: {
      const t = type as DuckDBMapType;
      return `{${(value as DuckDBMapValue).entries.map((e) => `${formatValue(e.key, t.keyType) ?? 'null'}=${formatValue(e.value, t.valueType) ?? 'null'}`).join(', ')}}`;
    }
    default:
      return typeof value === 'bigint' ? value.toString() : String(value);
  }
}

/** Athena's name of a result column type (`varchar`, `bigint`, `array`, `row`...). */
export function athenaType(type: DuckDBType): { Type: string; Precision: number; Scale: number } {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return { Type: 'varchar', Precision: 2147483647, Scale: 0 };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
      return { Type: 'bigint', Precision: 19, Scale: 0 };
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return { Type: 'integer', Precision: 10, Scale: 0 };
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return { Type: 'smallint', Precision: 5, Scale: 0 };
    case DuckDBTypeId.TINYINT:
      return { Type: 'tinyint', Precision: 3, Scale: 0 };
    case DuckDBTypeId.DOUBLE:
      return { Type: 'double', Precision: 17, Scale: 0 };
    case DuckDBTypeId.FLOAT:
      return { Type: 'float', Precision: 17, Scale: 0 };
    case DuckDBTypeId.BOOLEAN:
      return { Type: 'boolean', Precision: 0, Scale: 0 };
    case DuckDBTypeId.DATE:
      return { Type: 'date', Precision: 0, Scale: 0 };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { Type: 'timestamp', Precision: 3, Scale: 0 };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { Type: 'timestamp with time zone', Precision: 3, Scale: 0 };
    case DuckDBTypeId.DECIMAL:
      return { Type: 'decimal', Precision: (type as DuckDBDecimalType).width, Scale: (type as DuckDBDecimalType).scale };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { Type: 'array', Precision: 0, Scale: 0 };
    case DuckDBTypeId.STRUCT:
      return { Type: 'row', Precision: 0, Scale: 0 };
    case DuckDBTypeId.MAP:
      return { Type: 'map', Precision: 0, Scale: 0 };
    case DuckDBTypeId.BLOB:
      return { Type: 'varbinary', Precision: 2147483647, Scale: 0 };
    default:
      return { Type: 'varchar', Precision: 2147483647, Scale: 0 };
  }
}

export function columnInfo(name: string, type: DuckDBType): ColumnInfo {
  const t = athenaType(type);
  return { CatalogName: 'hive', SchemaName: '', TableName: '', Name: name, Label: name, ...t, Nullable: 'UNKNOWN', CaseSensitive: t.Type === 'varchar' };
}

/** Athena's CSV: every value quoted (quotes doubled), NULL as nothing. */
export function toCsv(header: readonly string[] | undefined, rows: ReadonlyArray<ReadonlyArray<string | undefined>>): string {
  const line = (cells: ReadonlyArray<string | undefined>) => cells.map((c) => (c === undefined ? '' : `"${c.replace(/"/g, '""')}"`)).join(',');
  return [...(header ? [line(header)] : []), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** Reads Athena's CSV back (to answer GetQueryResults after a restart). */
export function fromCsv(text: string): Array<Array<string | undefined>> {
  const rows: Array<Array<string | undefined>> = [];
  let row: Array<string | undefined> = [];
  let pos = 0;
  while (pos < text.length) {
    let value: string | undefined;
    if (text[pos] === '"') {
      value = '';
      pos++;
      for (;;) {
        const q = text.indexOf('"', pos);
        if (q === -1) throw new Error('unterminated quoted CSV field');
        value += text.slice(pos, q);
        pos = q + 1;
        if (text[pos] !== '"') break;
        value += '"';
        pos++;
      }
    } else {
      let end = pos;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      value = end > pos ? text.slice(pos, end) : undefined;
      pos = end;
    }
    row.push(value);
    if (text[pos] === ',') {
      pos++;
    } else {
      rows.push(row);
      row = [];
      pos++;
    }
  }
  return rows;
}
