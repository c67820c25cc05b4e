/**
 * CDK app entry (cdk.json: `npx tsx infra/cdk/app.ts`). Context values: see README "Deploy to AWS".
 */
import { createApp } from './create-app';

try {
  const { app, settings } = createApp();
  if (settings.identity.placeholder) {
    process.stderr.write(
      '警告：未提供 -c tenantId / -c clientId，使用占位值，仅可 synth，部署会被拒绝。\n' +
        'Warning: no -c tenantId / -c clientId given; using placeholders — fine for synth, deployment will be refused.\n',
    );
  }
  app.synth();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
