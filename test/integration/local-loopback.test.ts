import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, inject, it } from 'vitest';

/*
 * Item 12 of issue 13: DynamoDB Local and the local S3 hold every table and object of the local
 * platform with no real authentication, so they must listen on 127.0.0.1 only. This connects to
 * the ones the integration setup started (infra/local/dynamodb-local.ts, s3-local.ts — the same
 * code `npm start` uses) through every non-loopback address of this machine.
 */

const addresses = Object.values(networkInterfaces())
  .flat()
  .filter((info) => info && !info.internal)
  // A link-local IPv6 address needs a zone to be dialled; the others reach this machine as they are.
  .filter((info) => !(info!.family === 'IPv6' && info!.address.toLowerCase().startsWith('fe80')))
  .map((info) => info!.address);

function attempt(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const servers = () => [
  { name: 'DynamoDB Local', port: Number(new URL(inject('dynamoEndpoint')).port) },
  { name: 'local S3', port: Number(new URL(inject('s3Endpoint')).port) },
];

describe('the local storage servers listen on loopback only', () => {
  it('answer on 127.0.0.1 (the check below is not vacuous)', async () => {
    for (const { name, port } of servers()) expect(await attempt('127.0.0.1', port), name).toBe('connected');
  });

  it.skipIf(addresses.length === 0)(`refuse connections on this machine's other addresses (${addresses.join(', ') || 'none: skipped, this machine has no non-loopback address'})`, async () => {
    for (const address of addresses) {
      for (const { name, port } of servers()) {
        expect(await attempt(address, port), `${name} on ${address}:${port}`).not.toBe('connected');
      }
    }
  });
});
