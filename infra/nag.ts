import { Validations, type Stack } from 'aws-cdk-lib';
// cdk-nag is CommonJS with exports Node's ESM loader cannot detect by name.
import cdkNag from 'cdk-nag';

const { AwsSolutionsChecks } = cdkNag;

/** Runs cdk-nag's AwsSolutions pack on the stack at synth; every acknowledgement below says why it is safe. */
export function applyNagChecks(stack: Stack): void {
  Validations.of(stack).addPlugins(new AwsSolutionsChecks(stack, { verbose: true }));
}
