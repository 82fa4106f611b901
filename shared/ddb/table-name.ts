import type { TableDefinition } from '../service/definitions';

/** The physical name of a table, from the environment variable its definition names. */
export function tableName(table: TableDefinition): string {
  const name = process.env[table.envVar];
  if (!name) throw new Error(`Missing configuration: ${table.envVar}`);
  return name;
}
