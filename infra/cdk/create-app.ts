import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildProductionManifest } from '../../addin/manifest/build';
import { InvestFlagsStack } from './invest-flags-stack';
import { REPO_ROOT } from './paths';
import { type DeploySettings, readSettings } from './settings';

export interface CreateAppOptions extends AppProps {
  /** Run cdk-nag AwsSolutionsChecks as a validation plugin at synth (default true). */
  nag?: boolean;
}

export interface CreatedApp {
  app: App;
  stack: InvestFlagsStack;
  settings: DeploySettings;
}

/** Resolves the task pane build directory and stops with instructions when it has not been built. */
export function resolveTaskpaneDir(dir: string): string {
  const full = path.resolve(REPO_ROOT, dir);
  if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) {
    throw new Error(
      `找不到任务窗格构建目录 ${full}：请先运行 npm run build，再运行 cdk synth / cdk deploy。 / ` +
        `Task pane build not found at ${full}: run \`npm run build\` first, then cdk synth / cdk deploy.`,
    );
  }
  return full;
}

/** Composition root shared by app.ts and the tests: settings from context, the stack, cdk-nag. */
export function createApp(options: CreateAppOptions = {}): CreatedApp {
  const { nag = true, ...appProps } = options;
  const app = new App(appProps);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const taskpaneDir = resolveTaskpaneDir(settings.taskpaneDir);
  const { stackName, ...stackSettings } = settings;
  const stack = new InvestFlagsStack(app, stackName, {
    settings: { ...stackSettings, taskpaneDir },
    // The production manifest, for the CloudFront URL and this registration's client id.
    buildManifest: (baseUrl) => buildProductionManifest(baseUrl, { clientId: settings.identity.clientId }),
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, settings };
}
