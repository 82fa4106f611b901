import { DynamoDBClient, ListTablesCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type Item = Record<string, unknown>;

/** Every item of every table of the runtime's DynamoDB Local, by table name. */
export async function scanAllTables(endpoint: string): Promise<Map<string, { raw: Record<string, AttributeValue>; item: Item }[]>> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const out = new Map<string, { raw: Record<string, AttributeValue>; item: Item }[]>();
  try {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
    for (const name of names) {
      const items: { raw: Record<string, AttributeValue>; item: Item }[] = [];
      let key: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: key }));
        for (const raw of page.Items ?? []) items.push({ raw, item: unmarshall(raw, { wrapNumbers: true }) as Item });
        key = page.LastEvaluatedKey;
      } while (key);
      out.set(name, items);
    }
  } finally {
    client.destroy();
  }
  return out;
}

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Problems in one stored attribute value: pollution-key names anywhere, or a marker in any string. */
export function findContamination(raw: Record<string, AttributeValue>, markers: string[]): string[] {
  const found: string[] = [];
  const visit = (value: AttributeValue, path: string) => {
    if (value.S !== undefined) {
      for (const m of markers) if (value.S.includes(m)) found.push(`${path} contains ${m}`);
    } else if (value.SS) {
      value.SS.forEach((s, i) => markers.forEach((m) => s.includes(m) && found.push(`${path}[${i}] contains ${m}`)));
    } else if (value.B !== undefined) {
      const text = Buffer.from(value.B).toString('latin1');
      for (const m of markers) if (text.includes(m)) found.push(`${path} (binary) contains ${m}`);
    } else if (value.L) {
      value.L.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (value.M) {
      for (const name of Object.keys(value.M)) {
        if (FORBIDDEN_NAMES.has(name)) found.push(`${path}.${name} is a forbidden attribute name`);
        for (const m of markers) if (name.includes(m)) found.push(`${path}.${name}: attribute name contains ${m}`);
        visit(value.M[name]!, `${path}.${name}`);
      }
    }
  };
  for (const name of Object.keys(raw)) {
    if (FORBIDDEN_NAMES.has(name)) found.push(`${name} is a forbidden attribute name`);
    for (const m of markers) if (name.includes(m)) found.push(`attribute name ${name} contains ${m}`);
    visit(raw[name]!, name);
  }
  return found;
}
