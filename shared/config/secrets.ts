import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * A secret value for a function: in AWS, read from Secrets Manager (ARN in `<name>_SECRET_ARN`,
 * cached for the container's life by Powertools Parameters); locally and in tests, given
 * directly in `<name>`. Handlers never see where it came from.
 */
export async function secretValue(name: string): Promise<string> {
  const direct = process.env[name];
  if (direct) return direct;
  const arn = process.env[`${name}_SECRET_ARN`];
  if (!arn) throw new Error(`Missing configuration: ${name} or ${name}_SECRET_ARN`);
  const value = await getSecret(arn, { maxAge: 3600 });
  if (typeof value !== 'string' || !value) throw new Error(`Secret ${name} is empty`);
  return value;
}
