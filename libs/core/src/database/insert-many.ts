import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows of one entity in one INSERT with one array parameter per column (unnest). TypeORM's insert
 * builder makes a parameter per value and spends more CPU building a statement than PostgreSQL
 * spends running it: a 200-row import batch (bench/import.mjs), or the few rows of a checkout that
 * runs a thousand times a minute in a sell-out (bench/checkout.mjs). Columns come from the entity
 * (names, types, transformers) and are those of the first row: the others take their DEFAULT
 * (generated ids, created_at = the transaction's now()). A property missing from a later row is
 * NULL (so only nullable ones may be), and an array column travels as an array literal.
 */
export async function insertMany<T extends ObjectLiteral, K extends keyof T & string = never>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Array<Partial<T>>,
  /**
   * Properties the database fills in (generated id, created_at) to read back as the driver gives
   * them (no transformer). SQL does not promise RETURNING's order: with several rows, return a
   * column you supplied too and match on it.
   */
  returning: K[] = [],
): Promise<Array<Pick<T, K>>> {
  if (rows.length === 0) return [];
  const metadata = manager.connection.getMetadata(target);
  const columnOf = (property: string) => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${metadata.name} has no column for ${property}`);
    return found;
  };
  const columns = Object.keys(rows[0]).map(columnOf);
  const params = columns.map((column) =>
    rows.map((row) => {
      let value: unknown = row[column.propertyName];
      if (value === undefined) {
        // Not the column's DEFAULT, as one statement cannot mix: only a nullable column may be left out.
        if (!column.isNullable) throw new Error(`${metadata.name}.${column.propertyName} is missing in a row of a bulk insert`);
        value = null;
      }
      if (column.transformer && !Array.isArray(column.transformer)) value = column.transformer.to(value);
      if (column.isArray && value !== null) return arrayLiteral(value as unknown[]);
      return value;
    }),
  );
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const read = returning.map((property) => ({ property, column: columnOf(property) }));
  const written = await manager.query<Array<Record<string, unknown>>>(
    `INSERT INTO ${quote(metadata.tableName)} (${columns.map((c) => quote(c.databaseName)).join(', ')})
     SELECT ${columns.map((c, i) => (c.isArray ? `c${i}::${String(c.type)}[]` : `c${i}`)).join(', ')}
       FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.isArray ? 'text' : String(c.type)}[]`).join(', ')}) AS t(${columns.map((_, i) => `c${i}`).join(', ')})
     ${read.length > 0 ? `RETURNING ${read.map(({ column: c }) => quote(c.databaseName)).join(', ')}` : ''}`,
    params,
  );
  if (read.length === 0) return [];
  return written.map((row) => Object.fromEntries(read.map(({ property, column: c }) => [property, row[c.databaseName]])) as Pick<T, K>);
}

/** PostgreSQL's array literal with every element quoted, so a comma or a brace in a text value stays in it. */
export function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
